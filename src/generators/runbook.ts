import type { Runbook } from '../model/content.ts';
import { prose, see, type RunbookText } from '../model/runbook-refs.ts';
import type { GeneratorContext } from './context.ts';
import { methodName } from '../model/names.ts';
import { formatLongDate } from './text/dates.ts';
import { SIGN_IN_ERROR_CODES } from '../model/error-codes.ts';
import { SECURITY_INFO_URL } from './communications.ts';
import { translatorFor } from '../i18n/catalog.ts';
import { FALLBACK_LANGUAGE, isEnglish, staffLanguagesOf } from '../i18n/languages.ts';

/**
 * What the helpdesk says to a caller with this symptom, in a staff language (src/i18n/locales/<language>/callers.json).
 * The runbook is English; the caller may not be.
 */
function callerScript(language: string, symptom: string): string {
  return translatorFor(language).text(`callers.tellUser.${symptom.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`);
}

// The helpdesk runbook. The helpdesk sees it (site and PDF), so it holds procedures only: no
// break-glass accounts or group, no exception list, no exemption records. Its config inputs are the
// helpdesk's own details, the IT lead as the escalation contact, the method and the dates.

/** The one name of the caller-verification procedure, used by every text that points to it. */
export const CALLER_VERIFICATION = 'Verify the caller first';

const PATH = {
  userMethods: 'Entra admin center → Entra ID → Users → (the user) → Authentication methods',
  signInLogs: 'Entra admin center → Entra ID → Monitoring & health → Sign-in logs (filter by the user)',
  auditLogs: 'Entra admin center → Entra ID → Monitoring & health → Audit logs (filter by the user, category UserManagement)',
  methodsPolicy: 'Entra admin center → Entra ID → Authentication methods → Policies',
  userOverview: 'Entra admin center → Entra ID → Users → (the user)',
  serviceHealth: 'Microsoft 365 admin center → Health → Service health',
};

// Texts are written as plain strings where they point nowhere, and with prose`` where they refer to another part
// of the runbook; written() turns the draft into the model's shape.
type Prose = string | RunbookText;
type Symptom = Runbook['symptoms'][number];
interface RunbookDraft extends Omit<Runbook, 'identityVerification' | 'symptoms' | 'standardAnswers'> {
  identityVerification: Omit<Runbook['identityVerification'], 'steps'> & { steps: Prose[] };
  symptoms: (Omit<Symptom, 'steps' | 'likelyCauses' | 'escalateWhen'> & {
    likelyCauses: (Omit<Symptom['likelyCauses'][number], 'check'> & { check: Prose })[];
    steps: Prose[];
    escalateWhen: Prose;
  })[];
  standardAnswers: { situation: string; answer: Prose }[];
}

const asText = (text: Prose): RunbookText => (typeof text === 'string' ? [text] : text);

function written(draft: RunbookDraft): Runbook {
  return {
    ...draft,
    identityVerification: { ...draft.identityVerification, steps: draft.identityVerification.steps.map(asText) },
    symptoms: draft.symptoms.map((symptom) => ({
      ...symptom,
      likelyCauses: symptom.likelyCauses.map((cause) => ({ ...cause, check: asText(cause.check) })),
      steps: symptom.steps.map(asText),
      escalateWhen: asText(symptom.escalateWhen),
    })),
    standardAnswers: draft.standardAnswers.map((entry) => ({ ...entry, answer: asText(entry.answer) })),
  };
}

export function buildRunbook(context: GeneratorContext): Runbook {
  const { config, schedule } = context;
  const locale = config.locale;
  const method = methodName(config.method);
  const isPasskey = config.method === 'passkey';
  const enforcement = formatLongDate(schedule.enforcementDate, locale);
  const watchEnd = schedule.milestones['watch-end'].date;
  const lead = config.people.itLead;
  const escalate = `${lead.name} (${lead.role}, ${lead.email})`;
  const callerLanguages = staffLanguagesOf(config).filter((language) => !isEnglish(language));

  const runbook: Runbook = written({
    identityVerification: {
      title: CALLER_VERIFICATION,
      summary:
        'Attackers call helpdesks pretending to be staff, because one MFA reset or Temporary Access Pass hands them the account. Verify who the caller is before any MFA reset, method change, password reset or Temporary Access Pass, however urgent or senior the caller sounds.',
      steps: [
        "Take the caller's name and user name, then end the call and ring back on the phone number held in the staff directory or HR record. Never use a number the caller gives you.",
        "If there is no number on record, or the number on record is the phone that was lost, confirm the request with the caller's line manager on a call or chat that you start, or ask the caller to come to the IT desk with photo ID.",
        prose`Before acting, look at the sign-in and audit logs of the account: method changes the user did not mention, failed MFA, sign-ins from unusual places. Anything odd: follow ${see('suspected-compromise')}.`,
        'Issue a Temporary Access Pass with the shortest lifetime that will do (one hour, single use, where possible) and read it out only on the call-back to the verified user.',
        'Write in the ticket how you verified the caller, who confirmed it and when.',
      ],
      never: [
        "Never reset MFA or issue a Temporary Access Pass on the caller's word alone, whoever they say they are.",
        'Never ask a user to read out an MFA number, a code or a Temporary Access Pass, and never ask them to approve a prompt for you.',
        "Never send a Temporary Access Pass to the user's own mailbox (they cannot reach it) or to a number the caller has just given you.",
        'Never switch MFA off for a user or add them to a policy exclusion to get them working. Escalate instead.',
      ],
    },
    symptoms: [
      {
        id: 'no-prompt',
        title: 'No MFA prompt arrives',
        userSays: '"I tried to sign in but nothing came up on my phone." The sign-in log shows Failed, "User did not pass the MFA challenge".',
        likelyCauses: [
          {
            cause: 'Stale registration: the user has a new phone or reinstalled Microsoft Authenticator, so the requests go to the old registration.',
            likelihood: 'most likely',
            check: "In the user's authentication methods, the Authenticator entry names an old device or predates the phone change.",
          },
          {
            cause: 'The account is compromised and an attacker changed the sign-in method.',
            likelihood: 'possible',
            check: 'The audit log shows security-info changes (a method added, removed or made default) that the user does not recognise.',
          },
          {
            cause: 'A Conditional Access mistake or an Authenticator service outage.',
            likelihood: 'unlikely',
            check: 'Unlikely while other users sign in fine: a policy problem or an outage hits many people at once. Check service health.',
          },
        ],
        steps: [
          prose`${see('caller-verification')}.`,
          'Open the failed sign-in in the sign-in log. Note the correlation ID and read the authentication details (error 500121, or 50074 repeating with no success).',
          'Ask: a new phone? The app reinstalled? Is the phone online, the app up to date and notifications allowed for it?',
          prose`Check the audit log for security-info changes in the last 30 days. Changes the user did not make: stop and follow ${see('suspected-compromise')}.`,
          `If nothing is wrong there, the user registers again at ${SECURITY_INFO_URL} (signing in with another method or a Temporary Access Pass), or select "Require re-register MFA" on the user's authentication methods. Delete the stale Authenticator entry.`,
          'Ask the user to sign in again while you watch the sign-in log for a success.',
        ],
        adminPath: `${PATH.userMethods} (Require re-register MFA); ${PATH.signInLogs}; ${PATH.auditLogs}`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'no-prompt'),
        escalateWhen: `At once if the audit log shows changes the user did not make (a security incident), or if several users report no prompt at the same time (possible outage or policy problem): ${escalate}.`,
      },
      {
        id: 'not-registered',
        title: 'Not registered yet',
        userSays: '"It says more information is required and wants me to set up an app. I can\'t get in." (error 50079 or 50072)',
        likelyCauses: [
          {
            cause: `The user did not set up ${method} during the registration window, so sign-in now insists on it.`,
            likelihood: 'most likely',
            check: 'The user has no MFA method in their authentication methods; the sign-in log shows 50079 or 50072.',
          },
          {
            cause: 'The user has no smartphone or cannot install the app.',
            likelihood: 'possible',
            check: prose`Ask. Follow ${see('no-smartphone')} if so.`,
          },
          {
            cause: 'Registration away from the office is refused once the security-info registration policy is on, because the user has no MFA method yet.',
            likelihood: 'possible',
            check: 'The sign-in log shows 53010.',
          },
          {
            cause: 'Registration is blocked because the account is flagged as risky.',
            likelihood: 'unlikely',
            check: 'The sign-in log shows 53004.',
          },
        ],
        steps: [
          `Stay on the line and walk the user through registration at ${SECURITY_INFO_URL}: install Microsoft Authenticator, add the sign-in method, ${isPasskey ? 'create the passkey' : 'scan the QR code and approve the test notification'}.`,
          prose`If the user cannot complete it (no other way to sign in, or error 53010 away from the office): follow ${see('caller-verification')}, then issue a Temporary Access Pass so they can register.`,
          'Check the sign-in log shows a successful sign-in with MFA afterwards.',
        ],
        adminPath: `${PATH.userMethods} → Add authentication method → Temporary Access Pass`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'not-registered'),
        escalateWhen: `Error 53004 (registration blocked by risk), or the user still cannot register with a Temporary Access Pass: ${escalate}.`,
      },
      {
        id: 'new-or-lost-phone',
        title: 'New, replaced or lost phone',
        userSays: '"I\'ve got a new phone" or "I\'ve lost my phone and can\'t sign in."',
        likelyCauses: [
          {
            cause: 'The phone was replaced and the old registration was not moved.',
            likelihood: 'most likely',
            check: 'The user still has the old phone, or it was wiped or handed in.',
          },
          {
            cause: 'The phone was lost or stolen.',
            likelihood: 'possible',
            check: 'Ask when and where. Check the sign-in log for sign-ins after the loss that the user did not make.',
          },
        ],
        steps: [
          prose`${see('caller-verification')}. If the number on record is the lost phone, verify through the line manager or in person.`,
          `Planned replacement with the old phone still working: the user adds the new phone at ${SECURITY_INFO_URL}, signs in with it once, then deletes the old entry.`,
          'Lost or stolen phone: delete its Authenticator entry from the user\'s authentication methods and select "Revoke sessions" on the user, so nothing signed in on that phone keeps working.',
          'Issue a Temporary Access Pass and have the user register the new phone. Check the sign-in log for a successful sign-in with MFA.',
          'Remind the user to report the lost phone to their manager if it was a company phone.',
        ],
        adminPath: `${PATH.userMethods}; ${PATH.userOverview} → Revoke sessions`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'new-or-lost-phone'),
        escalateWhen: prose`The phone was lost and the log shows sign-ins or approvals after the loss that the user did not make: follow ${see('suspected-compromise')} and tell ${escalate}.`,
      },
      {
        id: 'no-smartphone',
        title: 'No smartphone',
        userSays: '"I haven\'t got a smartphone" or "I can\'t use my own phone for work."',
        likelyCauses: [
          {
            cause: 'The user has no smartphone, or may not or will not use a personal phone for work.',
            likelihood: 'most likely',
            check: 'Ask. There is no need to question the reason.',
          },
        ],
        steps: [
          'Offer a FIDO2 security key: the preferred answer. Register it with the user, in person or on a call, after verifying the caller.',
          'Until the key is ready, issue a Temporary Access Pass for the shortest time that will do. It is a stopgap, never the lasting answer.',
          'Do not set up text messages or phone calls as the method: they are easy to intercept and Microsoft is retiring them as MFA methods.',
          'Add the user to the no-smartphone list so the IT lead can track keys handed out.',
        ],
        adminPath: `${PATH.userMethods}; ${PATH.methodsPolicy} → Passkey (FIDO2)`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'no-smartphone'),
        escalateWhen: `No security keys are left in stock, or the person cannot use a key (for example no USB or NFC on their device): ${escalate}.`,
      },
      {
        id: 'too-many-prompts',
        title: 'Too many prompts',
        userSays: '"It asks me every time I check my email."',
        likelyCauses: [
          {
            cause:
              'The browser does not keep the session: private browsing, cookies cleared on exit, "Stay signed in" declined, or a device that is not registered or joined, so every browser session starts afresh.',
            likelihood: 'most likely',
            check: 'The sign-in log shows many interactive sign-ins with MFA from the same browser each day.',
          },
          {
            cause: 'Only a slow method is registered, such as a phone call or a text message, instead of an app notification or a passkey.',
            likelihood: 'possible',
            check:
              'The methods registered in the user\'s authentication methods. With system-preferred MFA the sign-in asks for the strongest registered method, so the "default method" setting is not the cause.',
          },
          {
            cause: 'An old app or a second device keeps asking, or a sign-in frequency rule is too strict.',
            likelihood: 'possible',
            check: 'The apps and devices in the sign-in log; errors 70043 or 50173 repeating.',
          },
          {
            cause: 'Someone else is starting the prompts.',
            likelihood: 'unlikely',
            check: prose`If the user did not start some of the prompts, follow ${see('unexpected-prompts')}.`,
          },
        ],
        steps: [
          "Look at a day of the user's sign-ins: which apps, which devices, how often MFA was required.",
          `If the user has only a slow method, help them register ${isPasskey ? 'a passkey' : 'Microsoft Authenticator (or a passkey)'}, then delete the phone call or text message method: the sign-in asks for the strongest method registered, so changing the default method alone does not help.`,
          'Have the user sign in to a normal (not private) browser window and answer "Yes" to "Stay signed in?" on their own device; update Outlook and the Office apps.',
          'If the device is a company device that is not registered or joined, pass it to the IT team.',
          'If the user asks to be exempted from MFA, do not agree or refuse on the spot: take the request and pass it to the IT lead. Exemptions need a written decision.',
        ],
        adminPath: `${PATH.signInLogs}; ${PATH.userMethods} (registered methods)`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'too-many-prompts'),
        escalateWhen: `A policy setting causes the prompts (sign-in frequency), several users report the same, or the user asks for an exemption: ${escalate}.`,
      },
      {
        id: 'unexpected-prompts',
        title: 'Prompts the user did not start (MFA fatigue)',
        userSays: '"My phone keeps asking me to approve sign-ins I didn\'t make."',
        likelyCauses: [
          {
            cause: "Someone has the user's password and is trying to sign in, hoping the user will approve out of habit or annoyance.",
            likelihood: 'most likely',
            check: 'The sign-in log shows sign-in attempts from an unfamiliar place or device at the times of the prompts.',
          },
          {
            cause: "An old device or app of the user's (a second computer, an old phone's mail app) is retrying in the background.",
            likelihood: 'possible',
            check: 'The attempts come from a device and place the user recognises.',
          },
        ],
        steps: [
          'Tell the user to deny every prompt they did not start, and to report it as not theirs if the app offers that.',
          prose`${see('caller-verification')}, then check the sign-in log for the attempts.`,
          "If the attempts are not the user's own device: reset the password, revoke sessions and escalate now as a security incident.",
          "If it was one of the user's own devices, sign it out or update the app, and record what it was.",
        ],
        adminPath: `${PATH.signInLogs}; ${PATH.userOverview} → Reset password, Revoke sessions`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'unexpected-prompts'),
        escalateWhen: `Always when the attempts are not from the user's own devices, and at once if the user approved one: ${escalate}.`,
      },
      {
        id: 'legacy-app',
        title: 'An old app or device stopped working',
        userSays: '"My old Outlook keeps asking for my password", "The scanner can\'t send email any more" or "Mail on my phone stopped."',
        likelyCauses: [
          {
            cause: 'The app or device uses legacy (basic) authentication, which cannot do MFA and is blocked.',
            likelihood: 'most likely',
            check: 'The sign-in log shows a legacy client app (Exchange ActiveSync, IMAP4, POP3, Authenticated SMTP, Other clients) and error 53003 or 530035.',
          },
          {
            cause: 'A current app that needs the user to sign in again after the change.',
            likelihood: 'possible',
            check: 'The app is current (Outlook, Teams, Outlook mobile) and the log shows 50076 or 50173.',
          },
          {
            cause: "A device or business system signs in with a person's or a shared account.",
            likelihood: 'possible',
            check: 'The sign-in comes from a printer, a server or a script rather than a person.',
          },
        ],
        steps: [
          'Find the sign-in in the log and note the client app and the device.',
          "For a person's app: move them to a current one: the current Outlook on the desktop, Outlook mobile instead of the phone's built-in mail app.",
          'For a printer, scanner, business system or script: do not change anything on the account. Pass it to the IT team (SMTP relay or connector, a service principal, or a vendor update to modern authentication).',
          'Never exclude the user from the policy to make an old app work.',
        ],
        adminPath: `${PATH.signInLogs} → Client app column, Conditional Access tab`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'legacy-app'),
        escalateWhen: `A shared device, a business system or many users are affected by the same app: ${escalate}.`,
      },
      {
        id: 'locked-out',
        title: 'Locked out',
        userSays: '"It says my account is locked" or "I can\'t sign in at all."',
        likelyCauses: [
          {
            cause: 'Smart lockout after too many wrong passwords.',
            likelihood: 'most likely',
            check: 'The sign-in log shows 50053, after a run of 50126.',
          },
          {
            cause: 'The password has expired.',
            likelihood: 'possible',
            check: 'The sign-in log shows 50055 or 50144.',
          },
          {
            cause: 'The account is disabled, or a Conditional Access policy blocks this device, place or app.',
            likelihood: 'possible',
            check: 'The sign-in log shows 50057, or 53003 with the policy named on the Conditional Access tab.',
          },
          {
            cause: 'Someone else is guessing passwords for many accounts (password spraying).',
            likelihood: 'unlikely',
            check: 'Many accounts with 50126 or 50053 from the same address.',
          },
        ],
        steps: [
          prose`${see('caller-verification')}.`,
          prose`Find the latest failed sign-in and act on its error code: see ${see('error-codes')}.`,
          'Lockout: let it expire, or unlock after verification. Then help the user reset the password if they have forgotten it.',
          'Expired password: self-service password reset, or an admin reset after verification.',
          'Disabled account: confirm with the manager or HR before re-enabling.',
        ],
        adminPath: `${PATH.signInLogs}; ${PATH.userOverview} → Reset password`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'locked-out'),
        escalateWhen: `Several accounts are locked at the same time, the failures come from an address the user does not know, or the code is 50053 with a malicious address: ${escalate}.`,
      },
      {
        id: 'suspected-compromise',
        title: 'Suspected compromise',
        userSays: '"I approved a request I didn\'t make", "My sign-in methods changed" or "People got strange emails from me."',
        likelyCauses: [
          {
            cause: 'The password was stolen (often by phishing) and a prompt was approved by mistake, or an attacker added their own method.',
            likelihood: 'most likely',
            check: 'Sign-ins from unfamiliar places; security-info changes in the audit log; new inbox rules or forwarding.',
          },
          {
            cause: 'A mistake with no attacker (the user approved their own sign-in without realising).',
            likelihood: 'possible',
            check: "Every sign-in around that time is from the user's own devices and places.",
          },
        ],
        steps: [
          `Treat it as an incident straight away: call ${lead.name} before anything else.`,
          'With the IT lead: reset the password and revoke sessions on the user; remove any sign-in method the user does not recognise.',
          'Check the mailbox for inbox rules and forwarding the user did not set up, and the sign-in log for what was reached.',
          'When the account is secure, verify the user and issue a Temporary Access Pass so they can register their method again.',
          'Record times, sign-in log entries and what was changed, for the incident report.',
        ],
        adminPath: `${PATH.userOverview} → Reset password, Revoke sessions; ${PATH.userMethods}; ${PATH.auditLogs}`,
        tellUser: callerScript(FALLBACK_LANGUAGE, 'suspected-compromise'),
        escalateWhen: `Always, at once: ${escalate}.`,
      },
    ],
    // In numeric order, so the printed table can be searched by eye.
    errorCodes: [...SIGN_IN_ERROR_CODES].sort((a, b) => Number(a.code) - Number(b.code)).map(({ rolloutRelated: _evidenceOnly, ...entry }) => entry),
    standardAnswers: [
      {
        situation: 'Not registered ("it wants me to set something up")',
        answer: prose`Walk them through registration now at ${SECURITY_INFO_URL}; it takes about five minutes. If they cannot finish, follow ${see('caller-verification')} and issue a Temporary Access Pass. See ${see('not-registered')}.`,
      },
      {
        situation: 'Registered, but no prompt arrives',
        answer: prose`Check the app is up to date and the registration is current (a new or reinstalled phone needs registering again). Then follow ${see('no-prompt')}.`,
      },
      {
        situation: '"Why do I have to do this?"',
        answer: `Since ${enforcement}, everyone at ${config.organisation.name} confirms their sign-in with ${method}. Stolen passwords are the most common way into an account; this second step stops them working on their own.`,
      },
      {
        situation: '"Can you switch it off for me?"',
        answer:
          'No, and nobody at the helpdesk can grant an exemption. Offer to make it smoother (an app notification or a passkey registered and slow methods removed, "Stay signed in" on their own device). Pass any exemption request to the IT lead; it needs a written decision.',
      },
      {
        situation: '"Is this message or prompt genuine?"',
        answer: prose`The announcements come from ${lead.name}. IT never asks anyone for a code or to approve a prompt over the phone. A prompt the user did not start: deny it and follow ${see('unexpected-prompts')}.`,
      },
      {
        situation: 'No smartphone',
        answer: prose`Offer a security key and log the request. A Temporary Access Pass covers the gap until the key is registered. No text messages or phone calls as a method. See ${see('no-smartphone')}.`,
      },
    ],
    contacts: [
      {
        label: 'Helpdesk',
        name: 'IT helpdesk',
        role: `First line (${config.helpdesk.hours})`,
        email: config.helpdesk.email,
        phone: config.helpdesk.phone,
      },
      {
        label: 'Escalation',
        name: lead.name,
        role: lead.role,
        email: lead.email,
      },
    ],
    enforcementWindow: { from: schedule.enforcementDate, to: watchEnd },
  });
  // Beside the English procedure: what to say, in each staff language that is not English.
  if (callerLanguages.length === 0) return runbook;
  return {
    ...runbook,
    symptoms: runbook.symptoms.map((symptom) => ({
      ...symptom,
      tellUserIn: callerLanguages.map((language) => ({ language, text: callerScript(language, symptom.id) })),
    })),
  };
}
