import type { Risk } from '../model/content.ts';
import { SUCCESS_CRITERION_TITLE, type SuccessCriterionId } from '../model/criteria.ts';
import type { GeneratorContext } from './context.ts';
import { factById, factDate, factTiming, signInLogRetentionDays } from './facts.ts';
import { startingState } from './pilot.ts';
import { backOutPlan } from './tasks.ts';

// The plan's risks with mitigations and owners, and the four success criteria that close the rollout.

export interface SuccessCriterion {
  id: SuccessCriterionId;
  title: string;
  measure: string;
}

export function buildSuccessCriteria(context: GeneratorContext): SuccessCriterion[] {
  const logDays = signInLogRetentionDays(context.config.licence);
  return [
    {
      id: 'all-mfa-capable',
      title: SUCCESS_CRITERION_TITLE['all-mfa-capable'],
      measure: `In User registration details, every account that signed in during the last ${logDays} days is MFA capable (isMfaCapable is true, not merely "registered"), and no user\u2019s only method is a text message or a voice call.`,
    },
    {
      id: 'no-legacy-auth',
      title: SUCCESS_CRITERION_TITLE['no-legacy-auth'],
      measure: `Since enforcement the sign-in log shows no successful legacy-authentication sign-in, interactive or non-interactive, and every blocked attempt is traced to an owner on the legacy-authentication dependency list, with a fix or a date to retire the device or app. Blocked attempts stay in the log and do not fail this criterion.${
        context.config.current.securityDefaults
          ? ' (Security defaults blocked legacy authentication before enforcement, so the rows of the audit in Prepare were blocked attempts too.)'
          : ''
      } If legacy authentication is not yet blocked, "Block legacy authentication" is the next policy to switch on.`,
    },
    {
      id: 'break-glass-works',
      title: SUCCESS_CRITERION_TITLE['break-glass-works'],
      measure:
        'Each break-glass account is excluded from the enforcing policy (through its group) and signs in successfully with its FIDO2 key, and the sign-in alert fired for the test.',
    },
    {
      id: 'clean-72-hours',
      title: SUCCESS_CRITERION_TITLE['clean-72-hours'],
      measure:
        'In the 72 hours after enforcement there is no failed sign-in of a legitimate user that shows over-blocking, and no successful sign-in without MFA that shows a gap.',
    },
  ];
}

export function buildRisks(context: GeneratorContext): Risk[] {
  const { config } = context;
  const rate = config.current.registrationRate;
  const threshold = config.thresholds.reminderBelowRate;
  const noPhone = config.exceptions.filter((exception) => exception.kind === 'no-smartphone').length;
  const backOut = backOutPlan(startingState(config.current), config.breakGlass.group.name);
  const smsFact = factById('sms-voice-retirement');
  const smsInPlan = factTiming(smsFact, context.schedule) === 'during';
  const rateNote =
    rate === undefined
      ? 'The current registration rate is not recorded yet.'
      : `The configuration gives ${rate}% of users registered (the date of that count is not recorded)${rate >= threshold ? `, already at or above the ${threshold}% reminder threshold` : `, below the ${threshold}% reminder threshold`}.`;
  return [
    {
      id: 'admin-lockout',
      risk: 'Admins lock themselves out: an enforcing policy catches the emergency accounts, or they have no usable method.',
      likelihood: 'low',
      impact: 'high',
      mitigation:
        'Emergency accounts sign in with their own FIDO2 keys, are excluded through one group from every enforcing or blocking policy, and are tested in the pilot and again in Validate. Every policy starts in report-only.',
      owner: 'it-lead',
    },
    {
      id: 'legacy-apps-break',
      risk: 'Legacy apps and devices stop working at enforcement: old Outlook, phone mail over basic authentication, printers scanning to email, business systems reading mail.',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'The legacy-authentication audit in Prepare lists every dependency with an owner and a fix; report-only results are checked at the go/no-go gate; devices move to an SMTP relay or modern authentication before enforcement.',
      owner: 'it-team',
    },
    {
      id: 'low-registration',
      risk: 'Many users are still unregistered on enforcement day and all have to register at once.',
      likelihood: rate !== undefined && rate >= threshold ? 'low' : 'medium',
      impact: 'medium',
      mitigation: `${rateNote} Daily tracking, the reminder (below ${threshold}% on day ${config.thresholds.reminderDay}), individual contact on day ${config.thresholds.contactDay} and the manager escalation bring the rest in. Enforcement does not wait for the last few: forced registration at their next sign-in takes about five minutes, and the helpdesk is ready for it.`,
      owner: 'it-lead',
    },
    {
      id: 'helpdesk-overload',
      risk: 'The helpdesk is overwhelmed in the first 48 hours after enforcement.',
      likelihood: 'medium',
      impact: 'medium',
      mitigation:
        'The registration window keeps forced registrations few; the helpdesk is briefed the working day before with the runbook; enforcement never falls on a Friday, a weekend, a holiday or the day before one, so the helpdesk is staffed for the watch.',
      owner: 'helpdesk',
    },
    {
      id: 'helpdesk-social-engineering',
      risk: 'An attacker talks the helpdesk into an MFA reset or a Temporary Access Pass by posing as a stressed or senior member of staff.',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'The runbook starts with "Verify the caller first": call back on the number on record or confirm with the manager, never act on the caller\u2019s word, shortest Temporary Access Pass lifetime, and a ticket note of how the caller was verified.',
      owner: 'helpdesk',
    },
    {
      id: 'executive-pushback',
      risk: 'A senior person asks to be exempted, or for MFA to be delayed, when the prompts start.',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'The approver signs the dated plan before the start. Each request gets a written decision record (default: decline and make MFA smooth) with the risk stated; any override has a named risk owner, compensating controls and an expiry within 90 days.',
      owner: 'approver',
    },
    {
      id: 'no-smartphone',
      risk: 'People without a smartphone cannot register and are locked out at enforcement.',
      likelihood: noPhone > 0 ? 'medium' : 'low',
      impact: 'medium',
      mitigation: `FIDO2 security keys are ordered before the start and registered during the window${noPhone > 0 ? ` (${noPhone} known so far)` : ''}; a Temporary Access Pass bridges a short gap. Text messages and phone calls are not offered: they are weak and Microsoft is retiring them.`,
      owner: 'it-lead',
    },
    {
      id: 'rollout-phishing',
      risk: 'Attackers imitate the rollout messages to harvest passwords and approvals, or bombard users with prompts hoping for an approval.',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Messages come from the named IT lead, link only to the Microsoft security-info page and say that IT never asks for codes; number matching stops blind approvals; users are told to deny and report prompts they did not start, and the helpdesk treats them as a possible compromise.',
      owner: 'it-lead',
    },
    {
      id: 'enforcement-blocks-work',
      risk: 'Enforcement stops people working: an application the business needs fails under the policy, or sign-ins fail across many users.',
      likelihood: 'low',
      impact: 'high',
      mitigation: `The go/no-go gate reads the report-only failures first. If it happens anyway, the back-out plan applies. ${backOut.trigger} ${backOut.steps}`,
      owner: 'it-lead',
    },
    {
      id: 'sms-voice-retirement',
      risk: `People whose only method is a text message or a voice call are stopped by a prompt to register another method when Microsoft retires them (${factDate('sms-voice-retirement', config.locale)}).`,
      likelihood: smsInPlan ? 'medium' : 'low',
      impact: 'medium',
      mitigation: `${smsInPlan ? 'The date falls inside this plan. ' : ''}The usage check in Prepare lists them, the helpdesk moves them during the registration window, and text message and voice call are switched off in the authentication methods policy only after that.`,
      owner: 'helpdesk',
    },
    {
      id: 'security-defaults-gap',
      risk: config.current.securityDefaults
        ? 'A gap with no MFA at all when moving from security defaults to Conditional Access.'
        : config.current.perUserMfa
          ? 'A gap with no MFA at all when moving from per-user MFA to Conditional Access.'
          : 'Accounts left without MFA after enforcement (an exclusion too wide, a policy left in report-only).',
      likelihood: 'low',
      impact: 'high',
      mitigation: config.current.securityDefaults
        ? 'Security defaults are turned off in the same sitting as the all-users policy is switched on, never earlier; the 72-hour log review looks for successful sign-ins without MFA.'
        : config.current.perUserMfa
          ? 'Per-user MFA is turned off only after the all-users policy is On, never before; the 72-hour log review looks for successful sign-ins without MFA.'
          : 'The policy is switched On at its time and checked in the audit log; the 72-hour log review looks for successful sign-ins without MFA.',
      owner: 'it-team',
    },
  ];
}
