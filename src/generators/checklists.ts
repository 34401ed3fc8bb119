import type { Checklist } from '../model/content.ts';
import type { OwnerRole, PhaseId } from '../model/common.ts';
import type { SuccessCriterionId } from '../model/criteria.ts';
import type { GeneratorContext } from './context.ts';
import { signInLogRetentionDays } from './facts.ts';
import { methodName } from '../model/names.ts';
import { countWord } from '../shared/format.ts';
import { buildSuccessCriteria } from './plan-content.ts';
import { ALL_USERS_POLICY, goNoGoGate, PILOT_POLICY, pilotStory } from './pilot.ts';
import { backOutPlan } from './tasks.ts';
import { REPORT_ONLY_LABELS } from '../model/report-only.ts';

// One checklist per phase: item, owner role, due date (from the schedule), evidence to keep and the
// pass criterion. Due dates come from the schedule's tasks so the checklists and the plan never disagree.

interface ItemDraft {
  id: string;
  /** The schedule task whose date is the due date. */
  task: string;
  text: string;
  owner: OwnerRole;
  evidence: string;
  pass: string;
}

export function buildChecklists(context: GeneratorContext): Checklist[] {
  const { config, schedule } = context;
  const due = (taskId: string) => {
    const task = schedule.tasks.find((candidate) => candidate.id === taskId);
    if (!task) throw new Error(`The schedule has no task "${taskId}"`);
    return task.date;
  };
  const method = methodName(config.method);
  const logDays = signInLogRetentionDays(config.licence);
  const breakGlassCount = config.breakGlass.accounts.length;
  const target = config.thresholds.targetRate;
  const reminderBelow = config.thresholds.reminderBelowRate;
  const pilot = pilotStory(config);
  const gate = goNoGoGate(config);

  const drafts: Record<PhaseId, { title: string; items: ItemDraft[] }> = {
    prepare: {
      title: 'Prepare',
      items: [
        {
          id: 'keys-ordered',
          task: 'prepare.order-keys',
          text: 'FIDO2 security keys ordered for the emergency accounts, the people without a smartphone and the administrators, with spares.',
          owner: 'it-lead',
          evidence: 'The order and its delivery date.',
          pass: 'The keys arrived before day 1.',
        },
        {
          id: 'plan-approval',
          task: 'prepare.plan-approval',
          text: 'Dated plan and staff announcement approved and signed.',
          owner: 'approver',
          evidence: 'The signed plan PDF.',
          pass: 'Signed before the start.',
        },
        {
          id: 'break-glass-accounts',
          task: 'prepare.break-glass',
          text: `${countWord(breakGlassCount, { capital: true })} cloud-only emergency accounts on the onmicrosoft.com domain, permanent Global Administrator, names that do not reveal their purpose, in the dedicated break-glass group.`,
          owner: 'it-lead',
          evidence: 'Group membership export; role assignments.',
          pass: `${breakGlassCount === 2 ? 'Both' : `All ${countWord(breakGlassCount)}`} accounts exist, are cloud-only, hold Global Administrator and are the only members of the group.`,
        },
        {
          id: 'break-glass-keys',
          task: 'prepare.break-glass',
          text: 'A FIDO2 security key (or passkey) registered on each emergency account, different from the admins\u2019 everyday method; credentials sealed and kept offline in two separate places.',
          owner: 'it-lead',
          evidence: 'Authentication methods of each account; signed custody log of both locations.',
          pass: 'Each account signs in with its key in a test; custody log signed.',
        },
        {
          id: 'break-glass-alert',
          task: 'prepare.break-glass-alert',
          text: 'Alert rule that fires on any emergency-account sign-in.',
          owner: 'it-team',
          evidence: 'The alert raised by the test sign-in.',
          pass: 'The alert arrived within minutes of the test.',
        },
        {
          id: 'inventory',
          task: 'prepare.inventory',
          text: 'Existing Conditional Access and Microsoft-managed policies listed; security defaults and per-user MFA state noted; authentication methods policy migration confirmed complete.',
          owner: 'it-team',
          evidence: 'Policy list export; screenshot of the migration status.',
          pass: 'No unknown enforcing policy; migration shows complete.',
        },
        {
          id: 'legacy-audit',
          task: 'prepare.legacy-audit',
          text: `Sign-in logs of the last ${logDays} days filtered by legacy client apps, exported; each user, client app and device listed with an owner and a fix.`,
          owner: 'it-team',
          evidence: 'The CSV export and the dependency list.',
          pass: 'Every legacy sign-in has a named fix and a date before enforcement.',
        },
        {
          id: 'exceptions',
          task: 'prepare.exceptions',
          text: 'Shared mailboxes, room accounts, service accounts and people without a smartphone each have a plan; security keys ordered.',
          owner: 'it-lead',
          evidence: 'The exception list with a plan per account.',
          pass: 'No account is left without a plan; nobody depends on SMS or voice.',
        },
        {
          id: 'methods',
          task: 'prepare.methods',
          text: `${method}, passkeys (FIDO2) and Temporary Access Pass enabled in the authentication methods policy; text message and voice call not added.`,
          owner: 'it-team',
          evidence: 'Screenshot of the authentication methods policy.',
          pass: 'The chosen methods are enabled for all users; text message and voice call stay only until the people who rely on them have moved.',
        },
        {
          id: 'sms-voice-usage',
          task: 'prepare.sms-voice-usage',
          text: 'Users who rely on a text message or a voice call alone listed.',
          owner: 'it-team',
          evidence: 'The list from User registration details.',
          pass: 'Every such user is on the list for the move.',
        },
        {
          id: 'registration-campaign',
          task: 'prepare.registration-campaign',
          text: `Registration campaign set to Enabled, targeting ${config.method === 'passkey' ? 'passkeys' : 'Microsoft Authenticator'}, break-glass group excluded.`,
          owner: 'it-team',
          evidence: 'Screenshot of the registration campaign settings.',
          pass: 'The state is no longer Microsoft-managed and the target matches the staff messages.',
        },
        {
          id: 'guests',
          task: 'prepare.guests',
          text: 'Guest list reviewed and inbound MFA trust set for partner organisations.',
          owner: 'it-team',
          evidence: 'Guest list and cross-tenant access settings.',
          pass: 'No stale guest left; partners\u2019 MFA is trusted; the staff who invite guests are told.',
        },
        {
          id: 'named-locations',
          task: 'prepare.named-locations',
          text: 'Office networks defined as trusted named locations.',
          owner: 'it-team',
          evidence: 'Screenshot of the named locations.',
          pass: 'Every office\u2019s public IP range is listed and marked as trusted.',
        },
        {
          id: 'report-only',
          task: 'prepare.report-only-policies',
          text: 'Pilot, all-users and block-legacy-authentication policies created in report-only; the security-info registration policy created Off.',
          owner: 'it-team',
          evidence: 'Policy list with states.',
          pass: 'All four policies exist; none is On; CA004 is Off (report-only would not evaluate it); the break-glass group is excluded from each.',
        },
      ],
    },
    register: {
      title: 'Register',
      items: [
        {
          id: 'announcement',
          task: 'register.announce',
          text: 'Announcement sent by email, posted on Teams and shown as the intranet banner.',
          owner: 'it-lead',
          evidence: 'The sent message and its recipient count.',
          pass: 'Sent to all staff on the planned day.',
        },
        {
          id: 'daily-tracking',
          task: 'register.track-daily',
          text: 'Registration rate recorded every working day from User registration details.',
          owner: 'it-team',
          evidence: 'One dated export per day.',
          pass: 'No working day missing in the tracker.',
        },
        {
          id: 'security-keys',
          task: 'register.no-smartphone',
          text: 'Security keys handed out and registered for everyone on the no-smartphone list.',
          owner: 'helpdesk',
          evidence: 'Each person\u2019s key in their authentication methods.',
          pass: 'Everyone on the list has a registered key.',
        },
        {
          id: 'sms-voice-moved',
          task: 'register.sms-voice-off',
          text: 'People who relied on a text message or a voice call moved; text message and voice call switched off in the authentication methods policy.',
          owner: 'it-team',
          evidence: 'The list with an outcome per person; screenshot of the methods policy.',
          pass: 'Nobody relies on a text message or a voice call alone, and both are off.',
        },
        {
          id: 'pilot-volunteers',
          task: 'register.pilot-volunteers',
          text: 'Four to six volunteers outside IT recruited and added to the pilot group.',
          owner: 'it-lead',
          evidence: 'Group membership and the managers\u2019 agreement.',
          pass: 'The volunteers are in the pilot group and registered before the pilot starts.',
        },
        {
          id: 'reminder',
          task: 'register.reminder-check',
          text: `Reminder decision: send the reminder if the rate is below ${reminderBelow}%.`,
          owner: 'it-lead',
          evidence: 'The day\u2019s rate and, if sent, the reminder.',
          pass: `Reminder sent when the rate was below ${reminderBelow}%, or the rate recorded at or above it.`,
        },
        {
          id: 'individual-contact',
          task: 'register.individual-contact',
          text: 'Each user still unregistered contacted one by one; blockers recorded.',
          owner: 'helpdesk',
          evidence: 'Contact list with an outcome per user.',
          pass: 'Every unregistered user has a recorded outcome.',
        },
        {
          id: 'manager-escalation',
          task: 'register.manager-escalation',
          text: 'Managers of remaining stragglers asked for help, with names.',
          owner: 'it-lead',
          evidence: 'Messages sent to managers.',
          pass: 'Every manager with an unregistered team member was contacted.',
        },
        {
          id: 'window-closed',
          task: 'register.registration-deadline',
          text: `Registration window closed against the ${target}% target; remaining users listed.`,
          owner: 'it-lead',
          evidence: 'The final rate and the list of remaining users.',
          pass: `At least ${target}% of users registered, or the shortfall explained; either way enforcement keeps its date and the rest register at their next sign-in.`,
        },
      ],
    },
    pilot: {
      title: 'Pilot tests',
      items: [
        {
          id: 'pilot-policy-on',
          task: 'pilot.pilot-on',
          text: pilot.policyOn
            ? `"${PILOT_POLICY}" On for ${config.pilotGroup.name}, volunteers included${pilot.state === 'per-user-mfa' ? '; per-user MFA off for the pilot members' : ''}; all-users policy still in report-only.`
            : `"${PILOT_POLICY}" in report-only for ${config.pilotGroup.name}, volunteers included, while security defaults stay on; all-users policy in report-only.`,
          owner: 'it-team',
          evidence: 'Policy states and the audit log entry.',
          pass: pilot.policyOn ? 'Pilot policy On, all-users policy report-only.' : 'Both policies in report-only; security defaults still on.',
        },
        {
          id: 'admin-prompt',
          task: 'pilot.pilot-tests',
          text: pilot.policyOn ? 'Sign out and in as an admin.' : 'Sign out and in as an admin (security defaults decide when MFA is asked).',
          owner: 'it-team',
          evidence: 'Sign-in log entry.',
          pass: pilot.policyOn ? 'MFA prompt shown and completed.' : 'Sign-in completes; the policy is listed on the Report-only tab.',
        },
        {
          id: 'devices',
          task: 'pilot.pilot-tests',
          text: 'Repeat on a desktop, a phone and a personal device.',
          owner: 'it-team',
          evidence: 'Sign-in log entries for each device.',
          pass: pilot.policyOn ? 'MFA required and completed on each.' : 'Each sign-in shows the pilot policy on its Report-only tab, with no "Report-only: Failure".',
        },
        {
          id: 'log-shows-policy',
          task: 'pilot.pilot-tests',
          text: pilot.policyOn ? 'The sign-in log shows the pilot policy asking for MFA.' : 'The sign-in log shows what the pilot policy would have done.',
          owner: 'it-team',
          evidence: pilot.policyOn ? 'Screenshot of the authentication details and the Conditional Access tab.' : 'Screenshot of the Report-only tab of a pilot sign-in.',
          pass: pilot.signInLogShows,
        },
        {
          id: 'unmanaged-device',
          task: 'pilot.pilot-tests',
          text: 'Sign in from a device not enrolled in Intune.',
          owner: 'it-team',
          evidence: 'Sign-in log entry.',
          pass: pilot.policyOn ? 'Sign-in succeeds after MFA.' : 'Sign-in succeeds; the Report-only tab shows no "Report-only: Failure".',
        },
        {
          id: 'break-glass-test',
          task: 'pilot.pilot-tests',
          text: 'Each emergency account signs in from a private window with its FIDO2 key.',
          owner: 'it-lead',
          evidence: 'Sign-in log entries and the alerts.',
          pass: 'Signs in; every policy shows "Not applied"; the alert fired.',
        },
        {
          id: 'admin-keys',
          task: 'pilot.admin-keys',
          text: 'Each administrator has a passkey or a FIDO2 security key registered.',
          owner: 'it-team',
          evidence: 'User registration details of the administrators.',
          pass: 'Every administrator is passwordless capable.',
        },
        {
          id: 'volunteers',
          task: 'pilot.pilot-volunteers-check',
          text: 'Pilot volunteers outside IT (an executive assistant, a Mac user, someone who works on a phone only, a shared or frontline device) checked.',
          owner: 'it-team',
          evidence: 'The pilot issue log.',
          pass: 'No open blocker in the issue log.',
        },
        {
          id: 'go-no-go',
          task: 'pilot.go-no-go',
          text: `Go / no-go on the report-only results of "${ALL_USERS_POLICY}" (its Policy impact view) and the pilot issue log.`,
          owner: 'approver',
          evidence: 'The counts by report-only result and the signed decision.',
          pass: `Go when ${gate.rule}. "${REPORT_ONLY_LABELS.reportOnlyInterrupted}" does not count: it is the normal result for a sign-in that would have been asked for MFA.`,
        },
        {
          id: 'helpdesk-briefed',
          task: 'pilot.helpdesk-briefing',
          text: 'Helpdesk briefed on the runbook and the error codes; "enforcement starts" notice sent to staff.',
          owner: 'it-lead',
          evidence: 'Attendance and the sent notice.',
          pass: 'Every helpdesk agent on the enforcement rota was briefed.',
        },
      ],
    },
    enforce: {
      title: 'Enforce: 48-hour watch',
      items: [
        {
          id: 'switch-on',
          task: 'enforce.enforce',
          text:
            pilot.state === 'security-defaults'
              ? `At ${config.enforcementTime}: security defaults off, CA003 (legacy block) On and the all-users policy On, in one sitting.`
              : pilot.state === 'per-user-mfa'
                ? `At ${config.enforcementTime}: all-users policy On, then per-user MFA off for every user.`
                : `At ${config.enforcementTime}: all-users policy On.`,
          owner: 'it-team',
          evidence: 'Policy states, the security defaults or per-user MFA settings and the audit log entries with times.',
          pass: pilot.state === 'neither' ? 'The policy is On at the planned time.' : 'All changes within minutes of each other.',
        },
        {
          id: 'exclusions',
          task: 'enforce.enforce',
          text: 'Exclusions of the enforcing policy checked.',
          owner: 'it-team',
          evidence: 'Screenshot of the policy\u2019s users and exclusions.',
          pass: 'Only the break-glass group and the Directory Synchronization Accounts role are excluded.',
        },
        {
          id: 'failed-sign-ins',
          task: 'enforce.watch',
          text: 'Failed sign-ins in the sign-in log reviewed several times a day.',
          owner: 'it-team',
          evidence: 'Watch log with times, counts by error code and actions.',
          pass: 'Every cluster of failures has a cause and an action.',
        },
        {
          id: 'defender-alerts',
          task: 'enforce.watch',
          text: 'New alerts in Microsoft Defender reviewed.',
          owner: 'it-team',
          evidence: 'Alert list with outcomes.',
          pass: 'No alert left untriaged.',
        },
        {
          id: 'helpdesk-volume',
          task: 'enforce.watch',
          text: 'Helpdesk calls counted by symptom.',
          owner: 'helpdesk',
          evidence: 'Call log by symptom.',
          pass: 'Volume handled within opening hours; no symptom growing unexplained.',
        },
        {
          id: 'back-out',
          task: 'enforce.back-out',
          text: 'Back-out trigger checked at each watch round.',
          owner: 'it-lead',
          evidence: 'Watch log entries; any back-out decision with its time.',
          pass: `${backOutPlan(pilot.state, config.breakGlass.group.name).trigger} Not met, or met and the back-out followed the plan.`,
        },
        {
          id: 'watch-summary',
          task: 'enforce.watch-end',
          text: 'Watch closed with a summary: failures by error code, calls by symptom, changes needed.',
          owner: 'it-lead',
          evidence: 'The summary.',
          pass: 'Written and shared with the approver.',
        },
      ],
    },
    validate: { title: 'Validate', items: [] },
  };

  const criteriaTasks: Record<SuccessCriterionId, string> = {
    'all-mfa-capable': 'validate.criterion-registration',
    'no-legacy-auth': 'validate.criterion-legacy',
    'break-glass-works': 'validate.criterion-break-glass',
    'clean-72-hours': 'validate.log-review',
  };
  const criteriaEvidence: Record<SuccessCriterionId, string> = {
    'all-mfa-capable': 'User registration details export with isMfaCapable and methods registered.',
    'no-legacy-auth': 'Sign-in log filtered by legacy client apps, interactive and non-interactive.',
    'break-glass-works': 'Sign-in entries of each emergency account and the alerts.',
    'clean-72-hours': 'The 72-hour sign-in log export with the findings.',
  };
  const criteriaOwner: Record<SuccessCriterionId, OwnerRole> = {
    'all-mfa-capable': 'it-team',
    'no-legacy-auth': 'it-team',
    'break-glass-works': 'it-lead',
    'clean-72-hours': 'it-team',
  };
  drafts.validate.items = [
    ...buildSuccessCriteria(context).map((criterion) => ({
      id: criterion.id,
      task: criteriaTasks[criterion.id],
      text: criterion.title,
      owner: criteriaOwner[criterion.id],
      evidence: criteriaEvidence[criterion.id],
      pass: criterion.measure,
    })),
    {
      id: 'signoff',
      task: 'validate.signoff',
      text: 'Rollout signed off and the thank-you message sent.',
      owner: 'approver',
      evidence: 'The signed validation checklist.',
      pass: 'All four success criteria met.',
    },
    {
      id: 'registration-protection-on',
      task: 'validate.registration-protection-on',
      text: '"CA004 - Securing security info registration" switched from Off to On.',
      owner: 'it-team',
      evidence: 'Policy state and audit log entry.',
      pass: 'On, after sign-off; the helpdesk knows error 53010.',
    },
    {
      id: 'pilot-policy-off',
      task: 'validate.pilot-policy-off',
      text: `"${PILOT_POLICY}" switched off.`,
      owner: 'it-team',
      evidence: 'Policy state and audit log entry.',
      pass: 'Off; a date set to delete it.',
    },
    {
      id: 'admin-strength',
      task: 'validate.admin-strength',
      text: 'Policy requiring "Phishing-resistant MFA" of the administrator roles created in report-only.',
      owner: 'it-team',
      evidence: 'The policy and its report-only results.',
      pass: 'Created, break-glass group excluded; a date set to switch it On.',
    },
  ];

  return (Object.keys(drafts) as PhaseId[]).map((phase) => ({
    id: `checklist-${phase}`,
    phase,
    title: drafts[phase].title,
    items: drafts[phase].items.map(({ task, ...item }) => ({ ...item, id: `${phase}.${item.id}`, due: due(task) })),
  }));
}
