import { progressOn } from './progress.ts';
import { checklistItemState, enforcementCountdown, messageState, planItemState, recordedDone, type DueState, type EnforcementCountdown, type MessageState } from './state.ts';
import type { Playbook } from './playbook.ts';
import { entriesToAct, riskRegister, type RegisterEntry } from './register.ts';
import type { EvidenceReport } from './evidence-report.ts';

// What the admin's daily `status` command reports from the plan alone (day one needs no exports), plus
// the figures measured from the exports when they are given. Pure: the plan date is an input and every
// state word comes from the state module. Counts shown in two places are taken from one value here.

export interface StatusTask {
  id: string;
  title: string;
  ownerName: string;
  date: string;
  state: DueState;
}
export interface StatusMessage {
  id: string;
  title: string;
  audience: string;
  state: MessageState;
  drafts: string[];
}
export interface StatusCheck {
  checklist: string;
  id: string;
  text: string;
  due: string;
  state: DueState;
}

export interface SmsVoiceOnlyCount {
  /** Everyone registered with SMS or voice only. */
  total: number;
  /** Of those, the users whose SMS or voice method Microsoft has already retired. */
  retired: number;
  /** Of those, the users whose method retires within the next 90 days. */
  retiringSoon: number;
}

export interface EvidenceChanges {
  /** The registration snapshot before the latest one. */
  previousDate: string;
  latestDate: string;
  /** Registered users in the latest snapshot minus those in the previous one (negative when users left or lost their method). */
  newlyRegistered: number;
  /** Users whose first legacy-authentication sign-in (any client app) falls on or after the previous snapshot's day (UTC), with their client apps. */
  newLegacyAuthUsers: { userPrincipalName: string; clientApps: string[]; firstSeenUtc: string }[];
  /** Error clusters first seen on or after the previous snapshot's day (UTC). */
  newFailureClusters: { errorCode: number | null; meaning: string; userCount: number }[];
}

export interface PlanStatus {
  today: string;
  phase: string;
  /** Tasks whose day is today, and repeated tasks under way. */
  tasksToday: StatusTask[];
  messagesToday: StatusMessage[];
  checksDue: StatusCheck[];
  /** Checks of the phase under way whose due date passed and that are not recorded done (config `progress.done`). */
  overdue: StatusCheck[];
  /** Ids recorded in `progress.done` that name no check of this plan (a typo would otherwise pass unseen). */
  unknownDone: string[];
  nextMilestone: { id: string; title: string; date: string; state: DueState } | null;
  enforcementDate: string;
  enforcement: EnforcementCountdown;
  /** Exemption overrides and exceptions that are expired or due for review today or earlier. */
  registerToAct: RegisterEntry[];
  smsVoiceOnly: SmsVoiceOnlyCount | null;
  changes: EvidenceChanges | null;
}

/** The window, in days, in which a retiring SMS or voice method is worth acting on now. */
export const SMS_VOICE_ACTION_WINDOW_DAYS = 90;

/** One count of SMS-or-voice-only users, split by retirement; every section that mentions them reads this. */
export function smsVoiceOnlyCount(registration: Pick<EvidenceReport['registration'], 'smsVoiceOnly'>): SmsVoiceOnlyCount {
  const users = registration.smsVoiceOnly;
  return {
    total: users.length,
    retired: users.filter((u) => u.daysLeft <= 0).length,
    retiringSoon: users.filter((u) => u.daysLeft > 0 && u.daysLeft <= SMS_VOICE_ACTION_WINDOW_DAYS).length,
  };
}

/** What changed between the two latest registration snapshots; null with fewer than two. */
/**
 * Legacy-authentication users first seen on or after `since` (a UTC day): a user's first sign-in is the earliest
 * over every client app, so a user already known through one app is not new when another app shows up.
 */
export function newLegacyAuthUsers(legacyAuth: EvidenceReport['legacyAuth'], since: string): EvidenceChanges['newLegacyAuthUsers'] {
  const users = new Map<string, { first: string | null; unknown: boolean; apps: Set<string> }>();
  for (const group of legacyAuth) {
    for (const user of group.users) {
      const entry = users.get(user.userPrincipalName) ?? { first: null, unknown: false, apps: new Set<string>() };
      // A report without first-seen times (written before they were kept) names nobody as new.
      if (user.firstSeenUtc === undefined) entry.unknown = true;
      else if (entry.first === null || user.firstSeenUtc < entry.first) entry.first = user.firstSeenUtc;
      entry.apps.add(group.clientApp);
      users.set(user.userPrincipalName, entry);
    }
  }
  return [...users.entries()]
    .flatMap(([userPrincipalName, entry]) =>
      !entry.unknown && entry.first !== null && entry.first.slice(0, 10) >= since ? [{ userPrincipalName, clientApps: [...entry.apps].sort(), firstSeenUtc: entry.first }] : [],
    )
    .sort((a, b) => (a.userPrincipalName < b.userPrincipalName ? -1 : a.userPrincipalName > b.userPrincipalName ? 1 : 0));
}

export function evidenceChanges(report: Pick<EvidenceReport, 'registration' | 'failureClusters'> & Partial<Pick<EvidenceReport, 'legacyAuth'>>): EvidenceChanges | null {
  const snapshots = [...report.registration.snapshots].sort((a, b) => a.date.localeCompare(b.date));
  const latest = snapshots.at(-1);
  const previous = snapshots.at(-2);
  if (latest === undefined || previous === undefined) return null;
  return {
    previousDate: previous.date,
    latestDate: latest.date,
    newlyRegistered: latest.registered - previous.registered,
    newLegacyAuthUsers: newLegacyAuthUsers(report.legacyAuth ?? [], previous.date),
    newFailureClusters: report.failureClusters
      .filter((c) => c.countsAsFailure && c.firstSeenUtc.slice(0, 10) >= previous.date)
      .map((c) => ({ errorCode: c.errorCode, meaning: c.meaning, userCount: c.userCount })),
  };
}

export type StatusPlaybook = Pick<Playbook, 'locale' | 'schedule' | 'communications' | 'checklists' | 'decisions' | 'exceptions' | 'progress'>;

/**
 * The plan's side of `status` on `today`. `draftsOf` names the email draft files of a message (their paths
 * belong to the artifact layout, which this module does not know).
 */
export function planStatus(
  playbook: StatusPlaybook,
  today: string,
  draftsOf: (message: Playbook['communications'][number]) => string[],
  evidence: EvidenceReport | null = null,
): PlanStatus {
  const { schedule } = playbook;
  const progress = progressOn(schedule, today, playbook.locale);
  const tasksToday = schedule.tasks
    .map((task) => ({ id: task.id, title: task.title, ownerName: task.ownerName, date: task.date, state: planItemState(task, today) }))
    .filter((task) => task.state.status === 'due-today' || task.state.status === 'in-progress');
  const messagesToday = playbook.communications
    .map((message) => ({ message, state: messageState(message, today) }))
    .filter(({ state }) => state.days === 0 && (state.status === 'sends-today' || state.status === 'if-needed'))
    .map(({ message, state }) => ({ id: message.id, title: message.title, audience: message.audienceLabel, state, drafts: draftsOf(message) }));
  const checks = playbook.checklists.flatMap((list) =>
    list.items.map((item) => ({
      phase: list.phase,
      check: { checklist: list.id, id: item.id, text: item.text, due: item.due, state: checklistItemState(item, today, recordedDone(playbook.progress?.done, item.id, today)) },
    })),
  );
  const checkIds = new Set(checks.map(({ check }) => check.id));
  const milestone = progress.nextMilestone;
  return {
    today,
    phase: progress.label,
    tasksToday,
    messagesToday,
    checksDue: checks.filter(({ check }) => check.state.status === 'due-today').map(({ check }) => check),
    // Earlier phases closed at their gate; only the open phase's past checks can still be outstanding.
    overdue: checks.filter(({ phase, check }) => phase === progress.phaseId && check.state.status === 'overdue').map(({ check }) => check),
    unknownDone: Object.keys(playbook.progress?.done ?? {}).filter((id) => !checkIds.has(id)),
    nextMilestone: milestone === null ? null : { id: milestone.id, title: milestone.title, date: milestone.date, state: planItemState(milestone, today) },
    enforcementDate: schedule.enforcementDate,
    enforcement: enforcementCountdown(schedule.enforcementDate, today),
    registerToAct: entriesToAct(riskRegister(playbook, today)),
    smsVoiceOnly: evidence === null ? null : smsVoiceOnlyCount(evidence.registration),
    changes: evidence === null ? null : evidenceChanges(evidence),
  };
}

/** Whether anything is past its date: a check of the phase under way, or an expired exemption or exception (the exit code of `status`). */
export function anythingOverdue(status: Pick<PlanStatus, 'overdue' | 'registerToAct'>): boolean {
  return status.overdue.length > 0 || status.registerToAct.some((entry) => entry.status === 'expired');
}

const users = (count: number) => `${count} user${count === 1 ? '' : 's'}`;

/** The plan's lines of the "Due today" section, in the order of the day's work. */
export function planDueLines(status: PlanStatus): string[] {
  const out: string[] = [];
  for (const t of status.tasksToday) out.push(`Task ${t.id} (${t.ownerName}): ${t.title}${t.state.status === 'in-progress' ? ` - ${t.state.label}` : ''}`);
  for (const m of status.messagesToday) out.push(`Send "${m.title}" to ${m.audience}${m.state.status === 'if-needed' ? ' (only if needed)' : ''}: ${m.drafts.join(', ')}`);
  for (const c of status.checksDue) out.push(`Check ${c.checklist}/${c.id}: ${c.text}`);
  return out;
}

/** The "Due today" lines about SMS or voice only users, from the one count. */
export function smsVoiceDueLines(count: SmsVoiceOnlyCount): string[] {
  const out: string[] = [];
  if (count.retired > 0)
    out.push(`${users(count.retired)} of the ${count.total} on SMS or voice only: Microsoft already retired the method for them; move them to the app or a passkey now.`);
  if (count.retiringSoon > 0)
    out.push(
      `${users(count.retiringSoon)} of the ${count.total} on SMS or voice only: the method retires within ${SMS_VOICE_ACTION_WINDOW_DAYS} days; move them to the app or a passkey.`,
    );
  return out;
}

/** The plan's sections of the terminal report (before the measured figures). */
export function planStatusHeadLines(status: PlanStatus): string[] {
  const lines: string[] = [];
  lines.push(`Phase: ${status.phase}`);
  const m = status.nextMilestone;
  lines.push(m === null ? 'Next milestone: none, the rollout is over' : `Next milestone: ${m.title} on ${m.date} (${m.state.label.toLowerCase()})`);
  lines.push(`Enforcement: ${status.enforcementDate} (${status.enforcement.label.toLowerCase()})`);
  lines.push('');
  lines.push('Overdue:');
  if (status.overdue.length === 0) lines.push('  nothing');
  for (const c of status.overdue) lines.push(`  - Check ${c.checklist}/${c.id} (due ${c.due}, ${c.state.label.toLowerCase()}): ${c.text}`);
  if (status.overdue.length > 0) lines.push(`  (record a check as done in the config: "progress": { "done": { "${status.overdue[0]!.id}": "${status.today}" } })`);
  for (const id of status.unknownDone) lines.push(`  ! progress.done names "${id}", which is no check of this plan`);
  lines.push('');
  if (status.registerToAct.length > 0) {
    lines.push('Exemptions and exceptions to act on:');
    for (const e of status.registerToAct) lines.push(`  - ${e.item} (owner ${e.owner}; review ${e.review}, expiry ${e.expiry}): ${e.label}`);
    lines.push('');
  }
  return lines;
}

/** The "Changes since the previous snapshot" lines; empty without two snapshots. */
export function changeLines(changes: EvidenceChanges | null): string[] {
  if (changes === null) return [];
  const lines = [`Since the previous snapshot (${changes.previousDate} to ${changes.latestDate}):`];
  const n = changes.newlyRegistered;
  lines.push(`  newly registered: ${n >= 0 ? n : `${n} (fewer registered than before)`}`);
  lines.push(
    `  new legacy-authentication users: ${changes.newLegacyAuthUsers.length === 0 ? 'none' : changes.newLegacyAuthUsers.map((u) => `${u.userPrincipalName} (${u.clientApps.join(', ')})`).join('; ')}`,
  );
  lines.push(
    `  new failure clusters: ${changes.newFailureClusters.length === 0 ? 'none' : changes.newFailureClusters.map((c) => `${c.errorCode ?? 'no code'} ${c.meaning} (${users(c.userCount)})`).join('; ')}`,
  );
  lines.push('');
  return lines;
}

/** The whole terminal report without evidence. */
export function formatPlanStatusText(status: PlanStatus, timeZone: string): string {
  const lines = [`MFA rollout status for ${status.today} (${timeZone}) - admin only`, '', ...planStatusHeadLines(status), 'Due today:'];
  const due = planDueLines(status);
  if (due.length === 0) lines.push('  nothing scheduled');
  for (const d of due) lines.push(`  - ${d}`);
  return `${lines.join('\n')}\n`;
}
