import type { OwnerRole } from './common.ts';

// How the plan names the sign-in method staff set up and the owner of a piece of work. One owner: the generators
// write these into the texts, and the sites and PDFs name owners with the same words.

export const signInMethods = ['authenticator', 'passkey'] as const;
export type SignInMethod = (typeof signInMethods)[number];

/** The method inside an English sentence: "set up Microsoft Authenticator", "set up a passkey". */
export const METHOD_NAME: Record<SignInMethod, string> = {
  authenticator: 'Microsoft Authenticator',
  passkey: 'a passkey',
};

/** The method as the plan describes it to its approver, with how it is used. */
export const METHOD_DESCRIPTION: Record<SignInMethod, string> = {
  authenticator: 'Microsoft Authenticator notifications (the user types the number shown on screen)',
  passkey: 'passkeys (in Microsoft Authenticator or on a security key)',
};

export function methodName(method: SignInMethod): string {
  return METHOD_NAME[method];
}

/** The role itself, where the plan names the role beside the person who holds it. */
export const OWNER_ROLE_LABEL: Record<OwnerRole, string> = {
  'it-lead': 'IT lead',
  'it-team': 'IT team',
  helpdesk: 'Helpdesk',
  approver: 'Approver',
  sponsor: 'Sponsor',
};

/** The people the config names (config and model both carry them). */
export interface NamedPeople {
  itLead: { name: string };
  approver: { name: string };
  sponsor: { name: string };
}

/** Who owns a task, a checklist item or a risk: the named person for a role the config names, else the team. */
export function ownerName(people: NamedPeople, owner: OwnerRole): string {
  switch (owner) {
    case 'it-lead':
      return people.itLead.name;
    case 'approver':
      return people.approver.name;
    case 'sponsor':
      return people.sponsor.name;
    case 'helpdesk':
    case 'it-team':
      return OWNER_ROLE_LABEL[owner];
  }
}
