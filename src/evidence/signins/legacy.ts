/**
 * Legacy authentication: every client app value except the two modern ones. Compared
 * case-insensitively because the logs and the documentation spell some values differently
 * (`AutoDiscover`/`Autodiscover`, `MAPI Over HTTP`/`MAPI over HTTP`).
 */

import { formatDate } from '../../shared/format.ts';
import factsData from '../../content/facts.json' with { type: 'json' };
import { MODERN_CLIENT_APPS } from '../../model/client-apps.ts';

const FACTS: readonly { id: string; effective?: string }[] = factsData;

export type RemediationCategory = 'old-outlook' | 'smtp-device' | 'imap-pop-app' | 'activesync-phone' | 'other';

const CATEGORY: Readonly<Record<string, RemediationCategory>> = {
  'authenticated smtp': 'smtp-device',
  smtp: 'smtp-device',
  autodiscover: 'old-outlook',
  'mapi over http': 'old-outlook',
  mapi: 'old-outlook',
  'offline address book': 'old-outlook',
  'outlook anywhere (rpc over http)': 'old-outlook',
  'outlook service': 'old-outlook',
  'exchange web services': 'other',
  imap4: 'imap-pop-app',
  imap: 'imap-pop-app',
  pop3: 'imap-pop-app',
  pop: 'imap-pop-app',
  'exchange activesync': 'activesync-phone',
  'exchange online powershell': 'other',
  'reporting web services': 'other',
  'other clients': 'other',
};

/** Client app spellings already read: an export holds a few dozen, read once for each of its sign-ins or groups. */
const keys = new Map<string, string>();
/** Past this many spellings the text is no client app list, and nothing more is kept. */
const MAX_REMEMBERED_KEYS = 1024;

function key(clientApp: string): string {
  let k = keys.get(clientApp);
  if (k === undefined) {
    k = clientApp.trim().replace(/\s+/g, ' ').toLowerCase();
    if (keys.size < MAX_REMEMBERED_KEYS) keys.set(clientApp, k);
  }
  return k;
}

/** True for a legacy client app value; an empty value is unknown, not legacy. */
export function isLegacyClientApp(clientApp: string): boolean {
  const k = key(clientApp);
  return k !== '' && !MODERN_CLIENT_APPS.has(k);
}

export function remediationCategory(clientApp: string): RemediationCategory {
  return CATEGORY[key(clientApp)] ?? 'other';
}

/** One display spelling per client app, so `AutoDiscover` and `Autodiscover` group together. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  autodiscover: 'Autodiscover',
  'mapi over http': 'MAPI over HTTP',
};

export function canonicalClientApp(clientApp: string): string {
  return DISPLAY_NAMES[key(clientApp)] ?? clientApp.trim().replace(/\s+/g, ' ');
}

// Dated changes come from the facts data (claim, source, check date), not from this text.
const effective = (id: string): string => {
  const date = FACTS.find((fact) => fact.id === id)?.effective;
  if (!date) throw new Error(`the facts data has no effective date for "${id}"`);
  return date;
};
const dayMonthYear = (id: string) => formatDate(effective(id), 'dayMonthYear', 'en-GB');
const monthYear = (id: string) => formatDate(effective(id), 'monthYear', 'en-GB');

export const REMEDIATION: Readonly<Record<RemediationCategory, { title: string; action: string }>> = {
  'old-outlook': {
    title: 'Old Outlook desktop client',
    action: `Outlook 2013 or older (or an Outlook set to basic authentication) cannot do MFA. Upgrade the user to a current Microsoft 365 Outlook, make sure modern authentication is on, then recreate the mail profile. Exchange Web Services is blocked by default from ${dayMonthYear('ews-blocked-by-default')} and switched off for good on ${dayMonthYear('ews-retired')}.`,
  },
  'smtp-device': {
    title: 'Printer, scanner or application sending mail over SMTP',
    action: `A multifunction printer or application that scans or sends to email with a user name and password. Move it to an SMTP relay through an Exchange Online connector, or replace it with a device that supports modern authentication. Basic authentication for SMTP AUTH is disabled by default for existing tenants from the end of ${monthYear('smtp-auth-basic-default-off')}.`,
  },
  'imap-pop-app': {
    title: 'Business application reading mail over IMAP or POP',
    action:
      'A CRM, ERP or ticketing system reading a mailbox over IMAP or POP with a stored password. Ask the vendor for OAuth 2.0 support (or a Microsoft Graph connector) and switch the mailbox connection over before enforcement.',
  },
  'activesync-phone': {
    title: 'Phone mail app using Exchange ActiveSync with basic authentication',
    action:
      "The phone's built-in mail app signs in with a password. Install Outlook for iOS or Android, add the account there and remove the old account from the built-in app. (ActiveSync can also use modern authentication; check the device before counting it as legacy.)",
  },
  other: {
    title: 'Other legacy client or protocol',
    action:
      'A client that signs in without modern authentication (for example old PowerShell modules, reporting scripts or an unidentified client). Find the owner from the user and device, move it to modern authentication, a managed identity or a service principal, then block legacy authentication.',
  },
};
