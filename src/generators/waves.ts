import type { TenantConfig } from '../config/schema.ts';
import { MAX_WAVES, usersToSwitchOn, type WavesConfig } from '../config/waves.ts';
import type { DateMove, Schedule, Task } from '../model/schedule.ts';
import type { Checklist, Communication } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';
import { waveEnforcementNotice } from './communications.ts';
import { phaseIds } from '../model/common.ts';
import { callSpread, waveLabel, wholeCalls, type ForecastDay, type Wave, type WavePlan } from '../model/waves.ts';
import { formatNumber } from '../shared/format.ts';
import { ALL_USERS_POLICY, goNoGoGate } from './pilot.ts';
import { assertTaskOrder } from './task-order.ts';
import { ownerName } from '../model/names.ts';
import { formatLongDate } from './text/dates.ts';
import { asSentence, enforcementBlockers, logReviewAfter, watchEndAfter } from './schedule.ts';
import type { WorkCalendar } from './work-calendar.ts';

// Enforcement in waves. Pure: the config, the calendar and the first wave's enforcement day (the schedule's, after
// the pilot and its go/no-go) are the only inputs.
//
// Rules every wave follows:
// - its enforcement day obeys the schedule's rules (enforcementBlockers: never a weekend, a Friday, a holiday or a
//   closed day, nor the working day before one, so the helpdesk is staffed for the 48 hours after);
// - its go/no-go is the working day before, and comes no earlier than the end of the previous wave's 48-hour watch,
//   so every go/no-go is taken knowing how the previous wave went;
// - with capacity figures, it waits (working day by working day) until adding it keeps the forecast of helpdesk
//   calls at or under the capacity on every day; "auto" sizes each wave to the most the helpdesk can take that day.

/** Expected helpdesk calls on each working day, from the waves' sizes and enforcement days. */
export function forecastCalls(
  waves: readonly { size: number; enforcementIndex: number }[],
  callsPerUser: number,
  dayCount: number,
  spread: readonly number[] = callSpread(),
): number[] {
  const calls = Array.from({ length: dayCount }, () => 0);
  for (const wave of waves) {
    spread.forEach((share, offset) => {
      const index = wave.enforcementIndex + offset;
      if (index < dayCount) calls[index]! += wave.size * callsPerUser * share;
    });
  }
  return calls;
}

/** Working days from a first date on, extended on demand (a plan of many waves runs for months). */
class WorkingDayLine {
  readonly #days: string[];
  readonly #calendar: WorkCalendar;
  constructor(calendar: WorkCalendar, first: string) {
    this.#calendar = calendar;
    this.#days = [calendar.nextWorkingDayFrom(first)];
  }
  at(index: number): string {
    while (this.#days.length <= index) this.#days.push(this.#calendar.nextWorkingDayAfter(this.#days[this.#days.length - 1]!));
    return this.#days[index]!;
  }
  indexOf(date: string): number {
    for (let index = 0; index < 5000; index += 1) if (this.at(index) >= date) return index;
    throw new Error(`no working day found from ${this.#days[0]} to ${date}`);
  }
}

interface Placed {
  size: number;
  enforcementIndex: number;
}

/** One decimal place: the forecast is an estimate, and the table shows whole calls. */
const tenth = (value: number) => Math.round(value * 10) / 10;
/** Floating-point slack when comparing a forecast with the capacity. */
const EPSILON = 1e-9;

interface Capacity {
  callsPerDay: number;
  callsPerUser: number;
}

function capacityOf(waves: WavesConfig): Capacity | null {
  return waves.helpdeskCallsPerDay !== undefined && waves.expectedCallsPerUser !== undefined
    ? { callsPerDay: waves.helpdeskCallsPerDay, callsPerUser: waves.expectedCallsPerUser }
    : null;
}

/** The most users a wave switched on at `index` can hold while every day's forecast stays at or under capacity. */
function room(placed: readonly Placed[], index: number, capacity: Capacity, spread: readonly number[]): number {
  const load = forecastCalls(placed, capacity.callsPerUser, index + spread.length, spread);
  let most = Infinity;
  spread.forEach((share, offset) => {
    most = Math.min(most, (capacity.callsPerDay - load[index + offset]!) / (capacity.callsPerUser * share));
  });
  return Math.max(0, Math.floor(most + EPSILON));
}

interface WaveRequest {
  group: { name: string; objectId: string | null } | null;
  size: number | 'fill';
  site: string | null;
  department: string | null;
}

/**
 * The wave plan, or null for a plan of one wave (no `waves` in the config, or waves that come to one): the plan
 * then stays exactly as it always was.
 */
export function buildWavePlan(config: TenantConfig, calendar: WorkCalendar, firstEnforcementDate: string): WavePlan | null {
  const waves = config.waves;
  if (!waves) return null;
  const total = usersToSwitchOn(config);
  const capacity = capacityOf(waves);
  const spread = callSpread();
  const line = new WorkingDayLine(calendar, firstEnforcementDate);
  const locale = config.locale;

  // Requests in order; "fill" = as many as the helpdesk can take that day (auto), the last one taking the rest.
  const listed = waves.groups ?? [];
  const listedTotal = listed.reduce((sum, group) => sum + group.size, 0);
  const explicit: WaveRequest[] = listed.map((group) => ({
    group: { name: group.name, objectId: group.objectId ?? null },
    size: group.size,
    site: group.site ?? null,
    department: group.department ?? null,
  }));
  if (waves.mode === 'groups' && listedTotal < total) explicit.push({ group: null, size: total - listedTotal, site: null, department: null });

  const placed: (Placed & { request: WaveRequest; moves: DateMove[] })[] = [];
  let remaining = waves.mode === 'auto' ? total : 0;
  // The most a wave can hold on a day with no calls from earlier waves; "auto" waits rather than open a wave of
  // less than half that, which would only add a go/no-go and a watch for a handful of people.
  const quietDayRoom = capacity ? room([], 0, capacity, spread) : Infinity;
  if (waves.mode === 'auto' && quietDayRoom < 1) {
    throw new Error(
      `waves: the helpdesk's ${capacity!.callsPerDay} calls a day cannot take even one user's first-day calls (${tenth(capacity!.callsPerUser * spread[0]!)}); raise waves.helpdeskCallsPerDay or lower waves.expectedCallsPerUser`,
    );
  }
  const smallestAutoWave = Math.max(1, Math.ceil(quietDayRoom / 2));

  for (let number = 1; waves.mode === 'auto' ? remaining > 0 : number <= explicit.length; number += 1) {
    if (number > MAX_WAVES) {
      throw new Error(
        `waves: the helpdesk capacity would need more than ${MAX_WAVES} waves for ${total} users; raise waves.helpdeskCallsPerDay or plan a longer rollout in two plans`,
      );
    }
    const previous = placed[placed.length - 1];
    const earliest = previous ? line.indexOf(calendar.nextWorkingDayAfter(watchEndAfter(calendar, line.at(previous.enforcementIndex)))) : 0;
    const request = waves.mode === 'auto' ? null : explicit[number - 1]!;
    const reasons: string[] = [];
    let index = earliest;
    let size = 0;
    for (let waited = 0; ; index += 1, waited += 1) {
      const date = line.at(index);
      const blockers = number === 1 ? [] : enforcementBlockers(calendar, date, locale);
      if (blockers.length > 0) {
        reasons.push(...blockers.map(asSentence));
        continue;
      }
      if (!capacity) {
        size = request!.size as number;
        break;
      }
      const fits = room(placed, index, capacity, spread);
      if (request) {
        // A listed wave too large for even a quiet day goes on its earliest day; the forecast shows the excess.
        if ((request.size as number) <= fits || (request.size as number) > quietDayRoom || waited >= spread.length) {
          size = request.size as number;
          break;
        }
      } else if (fits >= Math.min(remaining, smallestAutoWave)) {
        size = Math.min(remaining, fits);
        break;
      }
      reasons.push(
        `On ${formatLongDate(date, locale)} the helpdesk would still be taking calls from the earlier waves: this wave would take the forecast above ${capacity.callsPerDay} calls a day.`,
      );
    }
    if (waves.mode === 'auto') remaining -= size;
    const chosen = line.at(index);
    const moves: DateMove[] = index === earliest ? [] : [{ subject: `Wave ${number} enforcement`, from: line.at(earliest), to: chosen, reasons: [...new Set(reasons)] }];
    const autoRequest: WaveRequest = {
      group: remaining > 0 ? { name: `${waves.groupNamePrefix ?? 'MFA-Wave-'}${number}`, objectId: null } : null,
      size,
      site: null,
      department: null,
    };
    placed.push({ size, enforcementIndex: index, request: request ?? autoRequest, moves });
  }
  if (placed.length < 2) return null;

  const planned: Wave[] = placed.map((wave, position) => {
    const enforcementDate = line.at(wave.enforcementIndex);
    const number = position + 1;
    return {
      number,
      id: `wave-${number}`,
      group: wave.request.group,
      label: waveLabel(number, wave.request.group?.name ?? null),
      size: wave.size,
      site: wave.request.site,
      department: wave.request.department,
      goNoGoDate: calendar.workingDaysBefore(enforcementDate, 1),
      enforcementDate,
      watchEndDate: watchEndAfter(calendar, enforcementDate),
      logReviewDate: logReviewAfter(calendar, enforcementDate),
      moves: wave.moves,
      final: position === placed.length - 1,
    };
  });

  let forecast: WavePlan['forecast'] = null;
  if (capacity) {
    const lastIndex = placed[placed.length - 1]!.enforcementIndex + spread.length - 1;
    const calls = forecastCalls(placed, capacity.callsPerUser, lastIndex + 1, spread);
    const days: ForecastDay[] = calls.map((value, index) => ({
      date: line.at(index),
      calls: tenth(value),
      enforcementOf: placed.findIndex((wave) => wave.enforcementIndex === index) + 1 || null,
      overCapacity: value > capacity.callsPerDay + EPSILON,
    }));
    const peak = days.reduce((best, day) => (day.calls > best.calls ? day : best), days[0]!);
    forecast = {
      helpdeskCallsPerDay: capacity.callsPerDay,
      expectedCallsPerUser: capacity.callsPerUser,
      days,
      peak,
      spread: spread.map((share) => Math.round(share * 1000) / 1000),
    };
  }
  return { mode: waves.mode, usersToSwitchOn: total, waves: planned, forecast };
}

// ---- Conditional Access: the waves policy ------------------------------------------------------------------------

/** The policy that widens wave by wave; the all-users policy (CA002) takes over with the last wave. */
export const WAVES_POLICY_ID = 'CA005';
export const WAVES_POLICY = 'CA005 - Require MFA - Waves';

/** The included groups after each wave's step: the groups of every wave so far (the closing wave goes to All users instead). */
export function includedGroupsAfter(plan: WavePlan, waveNumber: number): { name: string; objectId: string | null }[] {
  return plan.waves.filter((wave) => wave.number <= waveNumber && wave.group !== null).map((wave) => wave.group!);
}

/** The waves that widen the waves policy: all but the last, which switches the all-users policy on. */
export function widenedWaves(plan: WavePlan): Wave[] {
  return plan.waves.filter((wave) => !wave.final);
}

// ---- Tasks and checklists of each wave --------------------------------------------------------------------------

/** What a wave's switch-on does to the policies. */
function switchOnAction(config: TenantConfig, plan: WavePlan, wave: Wave): string {
  const perUser = config.current.perUserMfa;
  const time = config.enforcementTime;
  if (wave.final) {
    return `At ${time}, set "${ALL_USERS_POLICY}" to On (users: All users; excluded: "${config.breakGlass.group.name}" and the Directory Synchronization Accounts role): everyone not yet in a wave${wave.group ? `, "${wave.group.name}" included,` : ''} now needs MFA.${perUser ? ' Then turn per-user MFA off for every user: the policy replaces it.' : ''}`;
  }
  const groups = includedGroupsAfter(plan, wave.number).map((group) => `"${group.name}"`);
  return wave.number === 1
    ? `At ${time}, set "${WAVES_POLICY}" to On (included: ${groups.join(', ')}; excluded: "${config.breakGlass.group.name}").${perUser ? ` Then turn per-user MFA off for the members of "${wave.group!.name}".` : ''}`
    : `At ${time}, add "${wave.group!.name}" to the included groups of "${WAVES_POLICY}" (now ${groups.join(', ')}).${perUser ? ` Then turn per-user MFA off for the members of "${wave.group!.name}".` : ''}`;
}

/** The wave's go/no-go: the all-users policy's report-only results for the wave's people, and the previous wave's watch. */
function goNoGoAction(config: TenantConfig, plan: WavePlan, wave: Wave): string {
  const gate = goNoGoGate(config);
  const previous = plan.waves[wave.number - 2];
  return `${previous ? `Read the summary of ${previous.label}'s 48-hour watch (failures by error code, calls against the forecast). ` : ''}Decide on the report-only results of "${ALL_USERS_POLICY}" for the people of ${wave.label}: go when ${gate.rule}. ${gate.outcomes.noGo}`;
}

/**
 * The schedule of a plan in waves: the first wave's tasks take the wave's wording, and each later wave gets its own
 * go/no-go, switch-on, 48-hour watch and watch summary. The one-wave schedule is never passed here.
 */
export function scheduleWithWaves(config: TenantConfig, schedule: Schedule, plan: WavePlan): Schedule {
  const first = plan.waves[0]!;
  const last = plan.waves[plan.waves.length - 1]!;
  const day = (date: string) => schedule.days.indexOf(date) + 1;
  const task = (draft: Omit<Task, 'day' | 'ownerName' | 'phase'>): Task => ({ ...draft, phase: 'enforce', day: day(draft.date), ownerName: ownerName(config.people, draft.owner) });
  const firstTasks = schedule.tasks.map((existing) =>
    existing.id === 'enforce.enforce' ? { ...existing, title: `Switch MFA on for ${first.label}`, action: switchOnAction(config, plan, first) } : existing,
  );
  const waveTasks = plan.waves.slice(1).flatMap((wave) => {
    const previous = plan.waves[wave.number - 2]!;
    const previousWatch = wave.number === 2 ? 'enforce.watch-end' : `enforce.${previous.id}-watch-end`;
    return [
      task({
        id: `enforce.${wave.id}-go-no-go`,
        date: wave.goNoGoDate,
        owner: 'approver',
        title: `Go / no-go for ${wave.label}`,
        action: goNoGoAction(config, plan, wave),
        evidence: 'The counts by report-only result, the previous wave\u2019s watch summary and the signed decision.',
        dependsOn: [previousWatch],
      }),
      task({
        id: `enforce.${wave.id}-switch-on`,
        date: wave.enforcementDate,
        owner: 'it-team',
        title: `Switch MFA on for ${wave.label}`,
        action: switchOnAction(config, plan, wave),
        evidence: 'The policy state or included groups and their audit log entries.',
        dependsOn: [`enforce.${wave.id}-go-no-go`],
      }),
      task({
        id: `enforce.${wave.id}-watch-end`,
        date: wave.watchEndDate,
        owner: 'it-lead',
        title: `Close ${wave.label}'s 48-hour watch`,
        action: `Summarise the watch of ${wave.label}: failures by error code, calls by symptom${plan.forecast ? ' against the forecast' : ''}, anything that needs a policy change before the next wave.`,
        evidence: 'The summary.',
        dependsOn: [`enforce.${wave.id}-switch-on`],
      }),
    ];
  });
  // The closing watch of the one-wave plan is the first wave's; the schedule's watch-end milestone is the last wave's.
  const lastWatch = `enforce.${last.id}-watch-end`;
  const renamed = firstTasks.map((existing): Task => {
    if (existing.id !== 'enforce.watch-end') {
      // What waited for the end of the one watch (the 72-hour log review) now waits for the last wave's.
      return existing.dependsOn?.includes('enforce.watch-end')
        ? { ...existing, dependsOn: existing.dependsOn.map((id) => (id === 'enforce.watch-end' ? lastWatch : id)) }
        : existing;
    }
    const { milestone: _lastWavesNow, ...rest } = existing;
    return {
      ...rest,
      date: first.watchEndDate,
      day: day(first.watchEndDate),
      title: `Close ${first.label}'s 48-hour watch`,
      action: `Summarise the watch of ${first.label}: failures by error code, calls by symptom${plan.forecast ? ' against the forecast' : ''}, anything that needs a policy change before the next wave.`,
    };
  });
  const tasks = [...renamed, ...waveTasks.map((added) => (added.id === lastWatch ? { ...added, milestone: 'watch-end' as const } : added))]
    .map((existing, index) => ({ existing, index }))
    // As the schedule orders them: by date, then by phase, then as written (a wave's tasks after the phase's own).
    .sort((a, b) =>
      a.existing.date !== b.existing.date
        ? a.existing.date < b.existing.date
          ? -1
          : 1
        : phaseIds.indexOf(a.existing.phase) - phaseIds.indexOf(b.existing.phase) || a.index - b.index,
    )
    .map(({ existing }) => existing);
  assertTaskOrder(tasks);
  return {
    ...schedule,
    tasks,
    milestones: {
      ...schedule.milestones,
      enforcement: {
        ...schedule.milestones.enforcement,
        title: 'Enforcement: first wave',
        description: `The MFA policy is switched on for ${first.label}, the first of ${plan.waves.length} waves; the last, ${last.label} on ${formatLongDate(last.enforcementDate, config.locale)}, switches it on for all users (break-glass group excluded).`,
      },
    },
  };
}

/** One checklist per wave: its people told, its go/no-go, its switch-on and its watch, with due dates from its tasks. */
export function waveChecklists(config: TenantConfig, schedule: Schedule, plan: WavePlan): Checklist[] {
  const due = (id: string) => {
    const found = schedule.tasks.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`The schedule has no task "${id}"`);
    return found.date;
  };
  return plan.waves.map((wave) => {
    const goNoGo = wave.number === 1 ? 'pilot.go-no-go' : `enforce.${wave.id}-go-no-go`;
    const switchOn = wave.number === 1 ? 'enforce.enforce' : `enforce.${wave.id}-switch-on`;
    const watchEnd = wave.number === 1 ? 'enforce.watch-end' : `enforce.${wave.id}-watch-end`;
    const who = wave.group ? `"${wave.group.name}"` : 'everyone not yet in a wave';
    const items: Checklist['items'] = [
      ...(wave.group
        ? [
            {
              id: `${wave.id}-group`,
              text: `Group ${who} holds the ${formatNumber(wave.size, config.locale)} people of ${wave.label}${[wave.site, wave.department].some(Boolean) ? ` (${[wave.site, wave.department].filter(Boolean).join(', ')})` : ''}, and no break-glass account.`,
              owner: 'it-team' as const,
              due: due(goNoGo),
              evidence: 'The group\u2019s member count and a search of it for the break-glass accounts.',
              pass: `About ${formatNumber(wave.size, config.locale)} members; no break-glass account.`,
            },
          ]
        : []),
      {
        id: `${wave.id}-go-no-go`,
        text: `Go / no-go for ${wave.label} on the report-only results of "${ALL_USERS_POLICY}" for its people${wave.number > 1 ? ' and the previous wave\u2019s watch summary' : ''}.`,
        owner: 'approver',
        due: due(goNoGo),
        evidence: 'The counts by report-only result and the signed decision.',
        pass: `Go when ${goNoGoGate(config).rule}.`,
      },
      {
        id: `${wave.id}-switch-on`,
        text: switchOnAction(config, plan, wave),
        owner: 'it-team',
        due: due(switchOn),
        evidence: 'The policy and its audit log entry.',
        pass: `${wave.final ? `"${ALL_USERS_POLICY}" On for All users` : `"${WAVES_POLICY}" On, including ${who}`}; the break-glass group excluded.`,
      },
      {
        id: `${wave.id}-watch`,
        text: `48-hour watch of ${wave.label}: failed sign-ins, Defender alerts and helpdesk calls${plan.forecast ? ` against the forecast (about ${wholeCalls(plan.forecast.days.find((forecastDay) => forecastDay.date === wave.enforcementDate)?.calls ?? 0)} calls on enforcement day, capacity ${plan.forecast.helpdeskCallsPerDay})` : ''}.`,
        owner: 'it-lead',
        due: due(watchEnd),
        evidence: 'The watch summary.',
        pass: 'No open blocker; the helpdesk queue cleared each day.',
      },
    ];
    return { id: `checklist-${wave.id}`, phase: 'enforce', title: `Enforce: ${wave.label}`, items };
  });
}

// ---- Staff messages of each wave ----------------------------------------------------------------------------------

/**
 * The communications of a plan in waves: the "MFA starts" notice goes to each wave's members on the wave's go/no-go
 * day with the wave's date. The plan's own notice becomes the first wave's; the later waves' follow in date order.
 */
export function communicationsWithWaves(context: GeneratorContext, communications: Communication[], plan: WavePlan): Communication[] {
  const first = plan.waves[0]!;
  const relabelled = communications.map((message) =>
    message.id === 'enforcement-tomorrow'
      ? {
          ...message,
          title: `${message.title} for ${first.label}`,
          audienceLabel: `Members of ${first.label}`,
          condition: `Send after the go/no-go of ${first.label}, to its members only.`,
          staffVisible: false,
        }
      : message,
  );
  const notices = plan.waves.slice(1).map((wave) => waveEnforcementNotice(context, wave));
  return [...relabelled, ...notices]
    .map((message, index) => ({ message, index }))
    .sort((a, b) => (a.message.sendDate ?? '9999-12-31').localeCompare(b.message.sendDate ?? '9999-12-31') || a.index - b.index)
    .map(({ message }) => message);
}
