/**
 * Authentication method names in registration exports: Graph enum strings
 * (`microsoftAuthenticatorPush`), PowerShell output (same strings, joined) and the portal's display
 * names (`Microsoft Authenticator app`). The set is open: unknown names map to "other".
 */

import type { Method } from '../../model/registration-methods.ts';

const TABLE: Readonly<Record<string, Method>> = {
  microsoftauthenticatorpush: 'microsoftAuthenticatorPush',
  microsoftauthenticatorapp: 'microsoftAuthenticatorPush',
  microsoftauthenticator: 'microsoftAuthenticatorPush',
  authenticatorapp: 'microsoftAuthenticatorPush',
  push: 'microsoftAuthenticatorPush',
  microsoftauthenticatorpasswordless: 'microsoftAuthenticatorPasswordless',
  microsoftpasswordlessphonesignin: 'microsoftAuthenticatorPasswordless',
  passwordlessphonesignin: 'microsoftAuthenticatorPasswordless',
  softwareonetimepasscode: 'softwareOneTimePasscode',
  softwareoathtoken: 'softwareOneTimePasscode',
  softwareoath: 'softwareOneTimePasscode',
  hardwareonetimepasscode: 'hardwareOneTimePasscode',
  hardwareoathtoken: 'hardwareOneTimePasscode',
  fido2: 'fido2',
  fido2securitykey: 'fido2',
  securitykey: 'fido2',
  passkey: 'passkey',
  passkeydevicebound: 'passkey',
  passkeydeviceboundauthenticator: 'passkey',
  passkeydeviceboundwindowshello: 'passkey',
  passkeysynced: 'passkey',
  windowshelloforbusiness: 'windowsHelloForBusiness',
  certificatebasedauthentication: 'certificateBasedAuthentication',
  x509certificate: 'certificateBasedAuthentication',
  macossecureenclavekey: 'macOsSecureEnclaveKey',
  mobilephone: 'mobilePhone',
  sms: 'mobilePhone',
  alternatemobilephone: 'alternateMobilePhone',
  officephone: 'officePhone',
  email: 'email',
  securityquestion: 'securityQuestion',
  securityquestions: 'securityQuestion',
  temporaryaccesspass: 'temporaryAccessPass',
};

export function canonicalMethod(name: string): Method {
  return TABLE[name.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? 'other';
}

/** Split a joined method list (`a,b`, `a;b`, `a b`, JSON array text) into names. */
export function splitMethodList(value: string): string[] {
  const v = value.trim();
  if (v === '' || v === '[]') return [];
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed))
        return parsed
          .map(String)
          .map((s) => s.trim())
          .filter((s) => s !== '');
    } catch {
      /* fall through */
    }
  }
  if (/[,;]/.test(v))
    return v
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  // Display names contain spaces ("Mobile phone"); enum strings joined by spaces do not.
  if (canonicalMethod(v) !== 'other') return [v];
  const tokens = v.split(/\s+/);
  if (tokens.length > 1 && tokens.every((t) => canonicalMethod(t) !== 'other')) return tokens;
  return [v];
}

const PHONE: ReadonlySet<Method> = new Set(['mobilePhone', 'alternateMobilePhone', 'officePhone']);
/** Methods that cannot satisfy MFA on their own (SSPR-only or temporary). */
const NOT_MFA: ReadonlySet<Method> = new Set(['email', 'securityQuestion', 'temporaryAccessPass']);

/** True when every MFA method the user has is a phone (SMS or voice). */
export function isSmsVoiceOnly(methods: readonly Method[]): boolean {
  const mfa = methods.filter((m) => !NOT_MFA.has(m));
  return mfa.length > 0 && mfa.every((m) => PHONE.has(m));
}
