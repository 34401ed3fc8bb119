/**
 * The authentication methods the evidence report names, as Graph spells them. The report's schema and the
 * registration analysis share this list; how the exports' other spellings map onto it stays with the reader.
 */
export const METHODS = [
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2',
  'passkey',
  'windowsHelloForBusiness',
  'certificateBasedAuthentication',
  'macOsSecureEnclaveKey',
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'email',
  'securityQuestion',
  'temporaryAccessPass',
  'other',
] as const;
export type Method = (typeof METHODS)[number];
