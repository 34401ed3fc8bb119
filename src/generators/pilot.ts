import type { TenantConfig } from '../config/schema.ts';
import { REPORT_ONLY_LABELS } from '../model/report-only.ts';
import { CONDITIONAL_ACCESS_POLICY, GO_NO_GO_POLICY } from '../model/policy-names.ts';

// The pilot, told once for the tenant's starting state. Every text that describes the pilot (tasks,
// checklists, the pilot notice, the phase summary, the milestone, the policy files) reads it from here,
// so the plan never says "On" in one place and "report-only" in another.
//
// - Security defaults: no Conditional Access policy can be switched on while they are on, and turning
//   them off early would leave everyone outside the pilot without MFA. CA001 stays in report-only; the
//   pilot group keeps meeting MFA through security defaults and the policy records what it would do.
// - Per-user MFA: CA001 goes On for the pilot group, and per-user MFA is turned off for those members in
//   the same sitting, so the prompts they meet come from the policy under test.
// - Neither: CA001 goes On for the pilot group; for them it is the first MFA requirement.

export type StartingState = 'security-defaults' | 'per-user-mfa' | 'neither';

export function startingState(current: TenantConfig['current']): StartingState {
  if (current.securityDefaults) return 'security-defaults';
  return current.perUserMfa ? 'per-user-mfa' : 'neither';
}

/** The pilot policy's name, as written in every text and in the policy file. */
export const PILOT_POLICY = CONDITIONAL_ACCESS_POLICY.pilot.displayName;

/** Labels the portal shows on a sign-in's Report-only tab. */
export const REPORT_ONLY_RESULT = {
  success: REPORT_ONLY_LABELS.reportOnlySuccess,
  failure: REPORT_ONLY_LABELS.reportOnlyFailure,
  userActionRequired: REPORT_ONLY_LABELS.reportOnlyInterrupted,
  notApplied: REPORT_ONLY_LABELS.reportOnlyNotApplied,
} as const;

export interface PilotStory {
  state: StartingState;
  /** Whether the pilot policy is On (enforced) or stays in report-only during the pilot. */
  policyOn: boolean;
  /** One sentence: what happens to the pilot group's sign-ins. */
  whatHappens: string;
  /** What the pilot can show with this starting state. */
  canTest: string[];
  /** What it cannot show, so nobody reads more into a clean pilot than it proves. */
  cannotTest: string[];
  /** What a pilot member's sign-in shows in the sign-in log, on the tab that matters. */
  signInLogShows: string;
  /** The phase summary of the plan. */
  phaseSummary: string;
  /** The milestone description of the pilot start. */
  milestone: string;
}

export function pilotStory(config: TenantConfig): PilotStory {
  const state = startingState(config.current);
  const group = config.pilotGroup.name;
  const { success, failure, userActionRequired, notApplied } = REPORT_ONLY_RESULT;
  const reportOnlyTab = `On the Report-only tab of each pilot sign-in, "${PILOT_POLICY}" shows "${success}" where MFA was done in that sign-in, "${userActionRequired}" where it would have asked for MFA, and "${failure}" where the sign-in could not have met it (a client that cannot do MFA: record it in the issue log). A break-glass sign-in shows "${notApplied}".`;
  const common = {
    canTestShared: [
      'that every pilot member, and every volunteer outside IT, is registered with a working method',
      `which apps and clients would fail under the policy ("${failure}" on the Report-only tab of the all-users policy)`,
      'that the break-glass accounts sign in with their FIDO2 keys, stay outside every policy and raise the alert',
      'the helpdesk procedures: verifying a caller, issuing a Temporary Access Pass, registering a security key',
    ],
  };
  if (state === 'security-defaults') {
    return {
      state,
      policyOn: false,
      whatHappens: `Security defaults stay on until enforcement, so "${PILOT_POLICY}" runs in report-only for ${group} and the pilot volunteers: their sign-ins meet MFA through security defaults, as today, and the policy records what it would have done.`,
      canTest: [...common.canTestShared, `that the policy covers exactly the pilot group and the volunteers: ${reportOnlyTab}`],
      cannotTest: [
        'how often the policy itself would prompt: security defaults decide when to ask until enforcement',
        'an app actually failing under the policy: report-only only predicts it',
        'the legacy-authentication block of CA003: security defaults already block legacy authentication',
      ],
      signInLogShows: reportOnlyTab,
      phaseSummary: `The IT team and a few volunteers from outside IT test the rollout while security defaults stay on: the pilot policy and the all-users policy run in report-only, and the pilot checks registration, apps, break-glass access and the helpdesk procedures.`,
      milestone: `The pilot group and volunteers are watched through the pilot policy in report-only (security defaults stay on until enforcement); the all-users policy runs in report-only alongside.`,
    };
  }
  const policyTab = `On the Conditional Access tab of each pilot sign-in, "${PILOT_POLICY}" shows "Success" once MFA is done; the authentication details show MFA required by Conditional Access. A break-glass sign-in shows the policy as "Not applied".`;
  return {
    state,
    policyOn: true,
    whatHappens:
      state === 'per-user-mfa'
        ? `"${PILOT_POLICY}" is On for ${group} and the pilot volunteers, and per-user MFA is turned off for them in the same sitting, so every prompt they meet comes from the policy under test.`
        : `"${PILOT_POLICY}" is On for ${group} and the pilot volunteers: MFA is required of them before anyone else.`,
    canTest: [
      ...common.canTestShared,
      'the real prompts under the policy: on a desktop, a phone, a personal device and a device not enrolled in Intune',
      `that the policy is the one asking: ${policyTab}`,
    ],
    cannotTest: ['how many people outside the pilot would be prompted or blocked: only the report-only results of the all-users policy show that'],
    signInLogShows: policyTab,
    phaseSummary:
      state === 'per-user-mfa'
        ? 'MFA is required of the IT team and a few volunteers from outside IT through the pilot policy, with their per-user MFA turned off; the all-users policy runs in report-only alongside.'
        : 'MFA is required of the IT team and a few volunteers from outside IT through the pilot policy; the all-users policy runs in report-only alongside.',
    milestone:
      state === 'per-user-mfa'
        ? 'MFA is required of the pilot group and volunteers by the pilot policy (their per-user MFA is turned off); the all-users policy runs in report-only.'
        : 'MFA is required of the pilot group and volunteers by the pilot policy; the all-users policy runs in report-only.',
  };
}

/** The all-users policy, whose report-only results decide the go/no-go. */
export const ALL_USERS_POLICY = GO_NO_GO_POLICY.displayName;

export interface GoNoGoGate {
  threshold: number;
  /** One line: the rule, for milestones and checklist pass criteria. */
  rule: string;
  /** Which result counts, and why "User action required" does not. */
  counts: string;
  /** Where to read the results. */
  where: string;
  outcomes: { go: string; fixFirst: string; noGo: string };
}

export function goNoGoGate(config: TenantConfig): GoNoGoGate {
  // Highest share (percent) of evaluated sign-ins that may show "Report-only: Failure": a configurable threshold like the others.
  const threshold = config.thresholds.goNoGoMaxFailureRate;
  const { success, failure, userActionRequired, notApplied } = REPORT_ONLY_RESULT;
  return {
    threshold,
    rule: `at most ${threshold}% of the sign-ins "${ALL_USERS_POLICY}" evaluated in report-only show "${failure}", every failing app or device has an owner and a fix dated before enforcement, and the pilot issue log has no open blocker`,
    counts: `Only "${failure}" counts: a sign-in that could not have met the policy and would have been blocked, typically a legacy or background client that cannot show a prompt. "${userActionRequired}" is the normal result of a require-MFA policy for a sign-in that did no MFA (the user would have been asked) and is not a block; it matters only for users who are not registered yet, who will have to register at their next sign-in. The share is taken over the sign-ins the policy evaluated ("${success}", "${failure}" and "${userActionRequired}"); "${notApplied}" is left out.`,
    where: `Entra admin center → Entra ID → Conditional Access → Policies → "${ALL_USERS_POLICY}" → Policy impact, for the counts by result since the pilot started; for a single sign-in, the Report-only tab of its entry in Entra ID → Monitoring & health → Sign-in logs.`,
    outcomes: {
      go: `Go: the failures are at or below ${threshold}%, each failing client is on the legacy-authentication dependency list with a fix before enforcement, and the pilot found no blocker. Enforcement goes ahead as planned.`,
      fixFirst: `Fix first: the failures are above ${threshold}%, or a failing client has no owner. Fix or retire each one (modern client, SMTP relay, vendor update), check the results again the next working day and decide again; if that is not done by the working day before enforcement, enforcement moves.`,
      noGo: 'No-go: an application the business needs fails under the policy with no fix in sight, or the pilot found a blocker. The approver moves enforcement to a new date, recorded as a new plan version, and staff are told the new date.',
    },
  };
}
