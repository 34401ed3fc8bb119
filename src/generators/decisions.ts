import type { TenantConfig } from '../config/schema.ts';
import { BLANK_DECISION_ID, type DecisionRecord } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';
import { methodName } from '../model/names.ts';
import { addDays, formatLongDate } from './text/dates.ts';

// Exemption decision records (confidential: admin audience only). One per exemption request in the
// config, plus a blank template. The default recommendation is always B: decline, and make MFA
// smooth. A leadership override is recorded, never hidden: named risk owner, compensating controls,
// an expiry at most 90 days out, a review date and signatures.

export const MAX_OVERRIDE_DAYS = 90;
const DEFAULT_REVIEW_DAYS = 30;

type ExemptionRequest = TenantConfig['exemptionRequests'][number];
export type ExposureLevel = DecisionRecord['exposure']['level'];

interface ExposureArea {
  area: 'finance' | 'executive' | 'admin' | 'manager';
  reason: string;
}

const FINANCE = /financ|\bcfo\b|controller|payroll|treasur|accountant|accounts (payable|receivable)|bookkeep|credit control|procurement|purchasing/i;
const EXECUTIVE = /\bchief\b|\bc[eofitsmx]o\b|director|executive|\bboard\b|\bpartner\b|president|founder|\bowner\b|managing|chair|\bvp\b|assistant to|\bpa to\b/i;
const ADMIN = /admin|system|infrastructure|devops|security|network|helpdesk|service desk|cloud|identity|\bict\b/i;
const IT = /\bIT\b/;
const MANAGER = /manager|head of|\blead\b|supervisor|team leader/i;

/** The account's exposure, derived from the role text: finance, executive and admin roles are high. */
export function assessExposure(role: string): { level: ExposureLevel; summary: string; reasons: string[] } {
  const areas: ExposureArea[] = [];
  if (FINANCE.test(role)) {
    areas.push({
      area: 'finance',
      reason:
        'Finance role: the mailbox holds payment approvals, invoices and supplier bank details. It is the first target of business email compromise (BEC), where an attacker asks for a payment or changes bank details in the owner\u2019s name.',
    });
  }
  if (EXECUTIVE.test(role)) {
    areas.push({
      area: 'executive',
      reason:
        'Executive role (or acting for an executive): messages from this account carry authority, so staff and suppliers follow its instructions, and it reaches confidential plans, contracts and people matters. Impersonating an executive is the classic lure for payment fraud.',
    });
  }
  if (ADMIN.test(role) || IT.test(role)) {
    areas.push({
      area: 'admin',
      reason: 'Administrative or IT role: the account is likely to hold or reach admin privileges, so a takeover can spread to every other account and switch protections off.',
    });
  }
  if (areas.length === 0 && MANAGER.test(role)) {
    areas.push({
      area: 'manager',
      reason: 'Manager role: approves requests for a team and reaches its shared information; a takeover is a convincing base for phishing colleagues.',
    });
  }
  const high = areas.some((entry) => entry.area !== 'manager');
  const level: ExposureLevel = high ? 'high' : areas.length > 0 ? 'elevated' : 'standard';
  const reasons =
    areas.length > 0
      ? areas.map((entry) => entry.reason)
      : [
          'No finance, executive, admin or management responsibility is recorded for this role: an ordinary staff account, which still reaches email, files and colleagues, and can be used to phish them.',
        ];
  const summary =
    level === 'high'
      ? `"${role}" is among the most valuable accounts to an attacker.`
      : level === 'elevated'
        ? `"${role}" reaches more than an ordinary account.`
        : `"${role}" is an ordinary staff account, still worth stealing.`;
  return { level, summary, reasons };
}

function riskStatementFor(name: string, role: string, exposure: ReturnType<typeof assessExposure>, method: string): string {
  const who = `${name} (${role})`;
  const finance = FINANCE.test(role);
  const what = finance
    ? `raises the risk of financial fraud through business email compromise: with a stolen password alone, an attacker could read and send mail as ${name}, approve or redirect payments and change supplier bank details`
    : exposure.level === 'high'
      ? `raises the risk of a takeover of one of the organisation\u2019s most valuable accounts: with a stolen password alone, an attacker could give instructions in ${name}\u2019s name, read confidential information and, for an admin account, reach every other account`
      : `raises the risk of account takeover: with a stolen password alone, an attacker could read and send mail as ${name} and use the account to deceive colleagues`;
  const offer =
    method === 'a passkey'
      ? 'a passkey, with the set-up fixed so that prompts are rare'
      : `${method} with the set-up fixed so that prompts are rare, or a passkey, which is quicker still`;
  return `Exempting ${who} from MFA ${what}. IT recommends against the exemption and offers a less intrusive method instead: ${offer}.`;
}

function frictionActions(method: string): string[] {
  return [
    `A ten-minute call with IT to register ${method === 'a passkey' ? 'a passkey' : `${method} notifications (or a passkey)`} and remove phone calls and text messages as methods: the sign-in then asks for the strongest method registered, a few seconds each time, whatever the "default method" says.`,
    'A passkey on the phone, or a security key: a face, fingerprint or PIN, with no number to type.',
    'Register or join the devices the person uses, and sign in in a normal browser window with "Stay signed in", so that sign-in is remembered instead of asked for in every new session.',
    'Update Outlook and the mobile mail app to current versions, which keep the session instead of asking again.',
    'A named IT contact for the first two weeks, to fix any prompt that still comes too often.',
  ];
}

function options(name: string, exposure: ReturnType<typeof assessExposure>): DecisionRecord['options'] {
  const who = name || 'the person';
  return [
    {
      key: 'A',
      title: `Exempt ${who} from MFA because a senior person asked`,
      consequences: `The account is protected by a password alone.${exposure.level === 'high' ? ' For a high-exposure account this is the most damaging exception possible.' : ''} It sets a precedent others will cite, it contradicts the approved plan, and the cause of the prompts is never fixed.`,
      recommended: false,
    },
    {
      key: 'B',
      title: 'Decline, explain the exposure and make MFA smooth',
      consequences:
        'Full protection stays. A short session with IT removes the cause of the frequent prompts (usually a slow method or a device that is not registered). A few days of adjustment while devices are set up.',
      recommended: true,
    },
    {
      key: 'C',
      title: `Exempt ${who} temporarily while a gentler method is found`,
      consequences:
        'The account is unprotected while the search goes on, just when attackers probe a new rollout, and temporary exemptions tend to become permanent. The gentler methods (Authenticator notifications, passkeys) exist today, so waiting gains nothing.',
      recommended: false,
    },
  ];
}

interface OverrideDates {
  expiry: string;
  reviewDate: string;
  notes: string[];
}

/** Caps the expiry at 90 days after the decision and puts the review on or before the expiry. */
export function overrideDates(decidedOn: string, expiry: string, reviewDate: string | undefined, locale = 'en-GB'): OverrideDates {
  const notes: string[] = [];
  const latest = addDays(decidedOn, MAX_OVERRIDE_DAYS);
  let cappedExpiry = expiry;
  if (expiry > latest) {
    cappedExpiry = latest;
    notes.push(
      `The expiry asked for (${formatLongDate(expiry, locale)}) is more than ${MAX_OVERRIDE_DAYS} days after the decision; this record caps it at ${formatLongDate(latest, locale)}. A longer exemption needs a new decision.`,
    );
  }
  if (cappedExpiry < decidedOn) {
    cappedExpiry = decidedOn;
    notes.push('The expiry asked for is before the decision date; the exemption ends on the day it was decided.');
  }
  const defaultReview = addDays(decidedOn, DEFAULT_REVIEW_DAYS);
  let review = reviewDate ?? (defaultReview < cappedExpiry ? defaultReview : cappedExpiry);
  if (review > cappedExpiry) {
    notes.push(`The review date asked for (${formatLongDate(review, locale)}) is after the expiry; the review moves to the expiry date.`);
    review = cappedExpiry;
  }
  return { expiry: cappedExpiry, reviewDate: review, notes };
}

function uniqueSignatures(signatures: DecisionRecord['signatures']): DecisionRecord['signatures'] {
  const seen = new Set<string>();
  return signatures.filter((signature) => {
    const key = signature.name.trim().toLowerCase();
    if (!key) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function buildDecisionRecord(context: GeneratorContext, request: ExemptionRequest): DecisionRecord {
  const { config } = context;
  const locale = config.locale;
  const method = methodName(config.method);
  const exposure = assessExposure(request.role);
  const baseStatement = riskStatementFor(request.name, request.role, exposure, method);
  const { itLead, approver, sponsor } = config.people;
  const why = exposure.level === 'high' ? 'one of the most valuable targets in the organisation' : 'still a target worth protecting';

  // What every record of a real request holds, whatever was decided.
  const common = {
    id: request.id,
    isTemplate: false,
    title: `Exemption request: ${request.name} (${request.role})`,
    request: { name: request.name, role: request.role, date: request.date, reason: request.reason, requestedBy: request.requestedBy ?? null },
    exposure,
    options: options(request.name, exposure),
  };

  if (!request.override) {
    return {
      ...common,
      decision: {
        option: 'B',
        outcome: `Declined. MFA stays on for ${request.name}; IT offers the actions below to make it smooth.`,
        rationale: `The account is ${why}. Frequent prompts point to a set-up that can be fixed (a slow method, or a device that is not registered), not to a reason to remove protection. ${method === 'a passkey' ? 'A passkey takes a few seconds per sign-in.' : `A ${method} notification takes a few seconds per sign-in, and a passkey is quicker still.`} An exemption would leave the account with a password alone.`,
      },
      frictionReduction: frictionActions(method),
      riskStatement: baseStatement,
      override: null,
      signatures: uniqueSignatures([
        { role: `IT lead (${itLead.role})`, name: itLead.name },
        { role: `Approver (${approver.role})`, name: approver.name },
      ]),
    };
  }

  const override = request.override;
  const dates = overrideDates(override.decidedOn, override.expiry, override.reviewDate, locale);
  const decidedBy = `${override.decidedBy.name} (${override.decidedBy.role})`;
  return {
    ...common,
    decision: {
      option: 'C',
      outcome: `Leadership override: ${request.name} is exempted from MFA for a limited time, against IT\u2019s recommendation, until ${formatLongDate(dates.expiry, locale)}.`,
      rationale: [
        `IT recommended option B: the account is ${why}, and the frequent prompts can be fixed without removing protection.`,
        `${decidedBy} decided on ${formatLongDate(override.decidedOn, locale)} to override that recommendation. The exemption ends on the expiry date unless a new decision is recorded; it is reviewed on ${formatLongDate(dates.reviewDate, locale)}.`,
        ...dates.notes,
      ].join(' '),
    },
    frictionReduction: frictionActions(method),
    riskStatement: `${baseStatement} Leadership has accepted this risk in writing: ${override.riskOwner} owns it until ${formatLongDate(dates.expiry, locale)}.`,
    override: {
      decidedBy,
      decidedOn: override.decidedOn,
      riskOwner: override.riskOwner,
      compensatingControls: [...override.compensatingControls],
      expiry: dates.expiry,
      reviewDate: dates.reviewDate,
    },
    signatures: uniqueSignatures([
      { role: 'Risk owner', name: override.riskOwner },
      { role: `Leadership decision (${override.decidedBy.role})`, name: override.decidedBy.name },
      { role: `Approver (${approver.role})`, name: approver.name },
      { role: `Sponsor (${sponsor.role})`, name: sponsor.name },
      { role: `IT lead (${itLead.role}), recording the recommendation against`, name: itLead.name },
    ]),
  };
}

/** A blank record for the next request, filled in by hand. */
export function templateDecisionRecord(context: GeneratorContext): DecisionRecord {
  const method = methodName(context.config.method);
  const blank = '________';
  return {
    id: BLANK_DECISION_ID,
    isTemplate: true,
    title: 'Exemption request: blank record',
    request: { name: '', role: '', date: null, reason: '', requestedBy: null },
    exposure: {
      level: null,
      summary: 'To be assessed from the role: finance, executive and admin roles are high exposure; managers are elevated; other staff are standard.',
      reasons: ['Role and what it approves:', 'Data the account reaches:', 'Admin privileges held:'],
    },
    options: options('', { level: 'high', summary: '', reasons: [] }),
    decision: {
      option: null,
      outcome: '',
      rationale: 'Default recommendation: B. Decline the exemption and make MFA smooth with the actions below.',
    },
    frictionReduction: frictionActions(method),
    riskStatement: `Exempting ${blank} (${blank}) from MFA raises the risk of account takeover, and for a finance or executive account the risk of financial fraud through business email compromise. IT recommends against the exemption and offers a less intrusive method instead.`,
    override: null,
    signatures: [
      { role: 'IT lead', name: '' },
      { role: 'Approver', name: '' },
      { role: 'Risk owner (only if leadership overrides the recommendation)', name: '' },
    ],
  };
}

export function buildDecisions(context: GeneratorContext): DecisionRecord[] {
  return [...context.config.exemptionRequests.map((request) => buildDecisionRecord(context, request)), templateDecisionRecord(context)];
}
