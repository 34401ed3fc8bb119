/** Registration tracking from dated snapshots. Pure functions of their inputs. */
import type { EvidenceContext } from '../../model/evidence-context.ts';
import { daysBetween } from '../dates.ts';
import { formatDate } from '../../shared/format.ts';
import { isSmsVoiceOnly } from '../registration/methods.ts';
import type { Method } from '../../model/registration-methods.ts';
import type { RegistrationRecord, RegistrationSnapshot } from '../registration/read.ts';

export interface SnapshotRate {
  date: string;
  file: string;
  registered: number; // MFA capable (or registered when the export has no capable column)
  total: number; // active accounts: every listed user except guests
  rate: number | null; // percentage, one decimal
  basis: 'isMfaCapable' | 'isMfaRegistered';
}

export interface SeriesPoint {
  date: string;
  dayOfPhase: number; // 1-based working day of the register phase
  rate: number | null;
  registered: number | null;
  total: number | null;
  target: number;
  reminderThreshold: number;
  meetsTarget: boolean | null;
  belowReminderThreshold: boolean | null;
  snapshotFile: string | null;
}

export type ActionDue = 'reminder' | 'individual-contact' | 'none-yet';

export interface UnregisteredUser {
  userPrincipalName: string;
  displayName: string;
  isAdmin: boolean | null;
  methods: Method[];
  actionDue: ActionDue;
  dueDate: string;
}

export interface SmsVoiceOnlyUser {
  userPrincipalName: string;
  displayName: string;
  methods: Method[];
  audience: 'all-users' | 'admins-and-external';
  retirementDate: string;
  daysLeft: number;
}

export interface ReminderDecision {
  reminderDate: string;
  threshold: number;
  due: boolean; // today is on or after the reminder date
  rate: number | null; // the rate the decision uses
  rateDate: string | null;
  sendReminder: boolean | null; // null when there is no snapshot to decide on
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function counted(r: RegistrationRecord): boolean {
  return r.userType !== 'guest';
}

function isReady(r: RegistrationRecord, basis: SnapshotRate['basis']): boolean {
  return (basis === 'isMfaCapable' ? r.isMfaCapable : r.isMfaRegistered) === true;
}

export function snapshotRate(s: RegistrationSnapshot & { date: string }): SnapshotRate {
  const basis = s.hasCapableColumn ? 'isMfaCapable' : 'isMfaRegistered';
  const active = s.records.filter(counted);
  const registered = active.filter((r) => isReady(r, basis)).length;
  return { date: s.date, file: s.file, registered, total: active.length, rate: active.length === 0 ? null : round1((registered / active.length) * 100), basis };
}

/**
 * Dated snapshots on or before today, in date order. Files of the same day (Graph pages of one
 * report, or a re-download) are merged: users are united by UPN, the later file name winning.
 */
export function usableSnapshots(snapshots: readonly RegistrationSnapshot[], today: string): (RegistrationSnapshot & { date: string })[] {
  const byDate = new Map<string, RegistrationSnapshot & { date: string }>();
  const sorted = [...snapshots]
    .filter((s): s is RegistrationSnapshot & { date: string } => s.date !== null && s.date <= today)
    .sort((a, b) => (a.date === b.date ? (a.file < b.file ? -1 : 1) : a.date < b.date ? -1 : 1));
  for (const s of sorted) {
    const prev = byDate.get(s.date);
    if (prev === undefined) {
      byDate.set(s.date, s);
      continue;
    }
    const users = new Map(prev.records.map((r) => [r.userPrincipalName, r]));
    for (const r of s.records) users.set(r.userPrincipalName, r);
    byDate.set(s.date, {
      ...s,
      file: `${prev.file} + ${s.file}`,
      records: [...users.values()].sort((x, y) => (x.userPrincipalName < y.userPrincipalName ? -1 : 1)),
      hasCapableColumn: prev.hasCapableColumn && s.hasCapableColumn,
    });
  }
  return [...byDate.values()];
}

/** A snapshot listing fewer than this share of the users of the previous complete one is taken as a partial download. */
export const MIN_SHARE_OF_PREVIOUS_SNAPSHOT = 0.5;

export interface SetAsideSnapshot {
  file: string;
  date: string;
  reason: string;
}

/** Why one file cannot stand as a snapshot on its own, or null when it can. */
function fileDefect(s: RegistrationSnapshot): string | null {
  if (s.records.length === 0) return 'it lists no users';
  if (s.truncated === true) return 'the file ends in the middle (a cut-off download)';
  const bad = s.malformedRows ?? 0;
  if (bad > s.records.length) return `most of its rows are unreadable (${bad} of ${bad + s.records.length})`;
  return null;
}

/**
 * The snapshots registration figures may rest on, and the ones set aside with the reason. An empty,
 * cut-off or mostly unreadable file, or a day listing far fewer users than the previous complete
 * day, would understate or overstate the rate, so it never becomes the latest snapshot.
 */
export function completeSnapshots(
  snapshots: readonly RegistrationSnapshot[],
  today: string,
  locale: string,
): { usable: (RegistrationSnapshot & { date: string })[]; setAside: SetAsideSnapshot[] } {
  const setAside: SetAsideSnapshot[] = [];
  const sound: RegistrationSnapshot[] = [];
  for (const s of snapshots) {
    const defect = s.date === null || s.date > today ? null : fileDefect(s);
    if (defect === null) sound.push(s);
    else setAside.push({ file: s.file, date: s.date as string, reason: defect });
  }
  const usable: (RegistrationSnapshot & { date: string })[] = [];
  for (const s of usableSnapshots(sound, today)) {
    const previous = usable.at(-1);
    if (previous !== undefined && s.records.length < previous.records.length * MIN_SHARE_OF_PREVIOUS_SNAPSHOT) {
      setAside.push({
        file: s.file,
        date: s.date,
        reason: `it lists ${s.records.length} users where the previous snapshot (of ${formatDate(previous.date, 'long', locale)}) listed ${previous.records.length}`,
      });
      continue;
    }
    usable.push(s);
  }
  setAside.sort((a, b) => (a.date === b.date ? (a.file < b.file ? -1 : 1) : a.date < b.date ? -1 : 1));
  return { usable, setAside };
}

export function registrationSeries(rates: readonly SnapshotRate[], ctx: EvidenceContext): SeriesPoint[] {
  const byDate = new Map(rates.map((r) => [r.date, r]));
  return ctx.registerPhase.days.map((date, i) => {
    const r = byDate.get(date);
    const rate = r?.rate ?? null;
    return {
      date,
      dayOfPhase: i + 1,
      rate,
      registered: r?.registered ?? null,
      total: r?.total ?? null,
      target: ctx.targetRate,
      reminderThreshold: ctx.reminderBelowRate,
      meetsTarget: rate === null ? null : rate >= ctx.targetRate,
      belowReminderThreshold: rate === null ? null : rate < ctx.reminderBelowRate,
      snapshotFile: r?.file ?? null,
    };
  });
}

/** The reminder rule: below the threshold on the reminder date (latest snapshot on or before it). */
export function reminderDecision(rates: readonly SnapshotRate[], ctx: EvidenceContext): ReminderDecision {
  const cutoff = ctx.today < ctx.reminderDate ? ctx.today : ctx.reminderDate;
  const basis = [...rates].filter((r) => r.date <= cutoff && r.rate !== null).pop() ?? null;
  return {
    reminderDate: ctx.reminderDate,
    threshold: ctx.reminderBelowRate,
    due: ctx.today >= ctx.reminderDate,
    rate: basis?.rate ?? null,
    rateDate: basis?.date ?? null,
    sendReminder: basis?.rate == null ? null : basis.rate < ctx.reminderBelowRate,
  };
}

export function nextAction(ctx: EvidenceContext, reminder: ReminderDecision): { actionDue: ActionDue; dueDate: string } {
  if (ctx.today >= ctx.contactDate) return { actionDue: 'individual-contact', dueDate: ctx.contactDate };
  if (ctx.today >= ctx.reminderDate && reminder.sendReminder !== false) return { actionDue: 'reminder', dueDate: ctx.reminderDate };
  return { actionDue: 'none-yet', dueDate: ctx.today < ctx.reminderDate ? ctx.reminderDate : ctx.contactDate };
}

export function unregisteredUsers(latest: RegistrationSnapshot, ctx: EvidenceContext, reminder: ReminderDecision): UnregisteredUser[] {
  const basis = latest.hasCapableColumn ? 'isMfaCapable' : 'isMfaRegistered';
  const action = nextAction(ctx, reminder);
  return latest.records
    .filter((r) => counted(r) && !isReady(r, basis))
    .map((r) => ({ userPrincipalName: r.userPrincipalName, displayName: r.displayName, isAdmin: r.isAdmin, methods: r.methods, ...action }))
    .sort((a, b) => (a.userPrincipalName < b.userPrincipalName ? -1 : 1));
}

export function smsVoiceOnlyUsers(latest: RegistrationSnapshot, ctx: EvidenceContext): SmsVoiceOnlyUser[] {
  return latest.records
    .filter((r) => isSmsVoiceOnly(r.methods))
    .map((r) => {
      const later = r.isAdmin === true || r.userType === 'guest';
      const retirementDate = later ? ctx.smsVoiceRetirement.adminsAndExternal : ctx.smsVoiceRetirement.allUsers;
      return {
        userPrincipalName: r.userPrincipalName,
        displayName: r.displayName,
        methods: r.methods,
        audience: later ? ('admins-and-external' as const) : ('all-users' as const),
        retirementDate,
        daysLeft: daysBetween(ctx.today, retirementDate),
      };
    })
    .sort((a, b) => (a.userPrincipalName < b.userPrincipalName ? -1 : 1));
}
