import slugify from '@sindresorhus/slugify';
import type { TenantConfig } from '../config/schema.ts';
import { MODEL_VERSION, playbookSchema, type Playbook } from '../model/playbook.ts';
import type { Schedule } from '../model/schedule.ts';
import type { WavePlan } from '../model/waves.ts';
import { exceptionReviewDate } from '../model/register.ts';
import { buildSchedule } from './schedule.ts';
import { buildWavePlan, communicationsWithWaves, scheduleWithWaves, waveChecklists } from './waves.ts';
import { WorkCalendar } from './work-calendar.ts';
import type { GeneratorContext } from './context.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import { buildSections } from './sections.ts';
import { staffLanguagesOf } from '../i18n/languages.ts';
import { buildCommunications } from './communications.ts';
import { datedVersions, mergeCommunications, revisionChanges, type DatedVersion } from './revisions.ts';
import type { Communication } from '../model/content.ts';
import type { PlanHistory } from '../model/revisions.ts';

export interface PlaybookInputs {
  /** The plan date ("today") in the tenant's time zone, YYYY-MM-DD. The generators never read the clock. */
  today: string;
  generatorVersion: string;
  /** Warnings from loading the config, carried into the model so every renderer can show them. */
  warnings?: { path: string; message: string }[];
  /** Evidence report read from the admin's exports, if any (admin only). */
  evidence?: EvidenceReport | undefined;
}

export function defaultPageSize(locale: string): 'A4' | 'Letter' {
  return /-(US|CA)$/i.test(locale) ? 'Letter' : 'A4';
}

export function tenantSlug(config: TenantConfig): string {
  return slugify(config.organisation.name) || slugify(config.organisation.domain) || 'tenant';
}

export function createCalendar(config: TenantConfig): WorkCalendar {
  return new WorkCalendar({
    country: config.holidays.country,
    region: config.holidays.region,
    extraClosedDays: config.holidays.extraClosedDays,
    timeZone: config.timeZone,
  });
}

/** The schedule of a config and its wave plan (null for one wave): the waves run on from the one-wave enforcement day. */
function datedSchedule(config: TenantConfig, calendar: WorkCalendar): { schedule: Playbook['schedule']; waves: ReturnType<typeof buildWavePlan> } {
  const oneWave = buildSchedule(config, calendar);
  const waves = buildWavePlan(config, calendar, oneWave.enforcementDate);
  const schedule = waves
    ? scheduleWithWaves(config, buildSchedule(config, calendar, { finalEnforcementDate: waves.waves[waves.waves.length - 1]!.enforcementDate }), waves)
    : oneWave;
  return { schedule, waves };
}

/**
 * The dated plan a config gives before any content is written: its working calendar, the schedule and waves of
 * its last version and, with revisions, every dated version. Pure. The evidence reader needs these dates, so the
 * pipeline runs this step on its own, once, and hands the result to buildPlaybook.
 */
export interface PlannedSchedule {
  calendar: WorkCalendar;
  /** The config with the phase lengths of the last version (the config itself without revisions). */
  config: TenantConfig;
  schedule: Schedule;
  waves: WavePlan | null;
  /** Every version, first approved first; absent without revisions. */
  versions?: DatedVersion[] | undefined;
}

export function planSchedule(config: TenantConfig): PlannedSchedule {
  const calendar = createCalendar(config);
  // A plan in waves: the first wave goes on at the one-wave plan's enforcement day, and the schedule then runs to the last wave.
  const base = datedSchedule(config, calendar);
  if (config.revisions.length === 0) return { calendar, config, schedule: base.schedule, waves: base.waves };
  const versions = datedVersions(
    config,
    calendar,
    base.schedule,
    config.planVersionDate ?? base.schedule.startDate,
    (revisedConfig) => datedSchedule(revisedConfig, calendar).schedule,
  );
  const last = versions[versions.length - 1]!;
  // The waves of a revised plan are those of its last version.
  return { calendar, config: last.config, schedule: last.schedule, waves: datedSchedule(last.config, calendar).waves, versions };
}

/**
 * Builds the whole Playbook model from a validated config. Pure: same inputs, same model. `planned` is the
 * config's planSchedule() when the caller already has it (the pipeline does); otherwise it is worked out here.
 */
export function buildPlaybook(config: TenantConfig, inputs: PlaybookInputs, planned: PlannedSchedule = planSchedule(config)): Playbook {
  const { calendar, schedule, waves } = planned;
  // The reminder is judged on the rate measured on or before the reminder date, not on a later snapshot.
  const basis = inputs.evidence?.registration.reminder;
  const measuredRate = basis && basis.rate !== null && basis.rateDate !== null ? { rate: basis.rate, date: basis.rateDate } : undefined;
  const revised = planned.versions ? revisedPlan(planned.versions, calendar, { today: inputs.today, measuredRate }) : undefined;
  const context: GeneratorContext = { config: planned.config, schedule, today: inputs.today, calendar, measuredRate, waves: waves ?? undefined };
  const built = buildSections(context);
  const sections = {
    ...built,
    ...(revised ? { communications: revised.communications } : {}),
    // A plan in waves: each wave's checklist follows the enforce checklist, and each wave's members get their own notice.
    ...(waves
      ? {
          checklists: [...built.checklists, ...waveChecklists(context.config, schedule, waves)],
          communications: communicationsWithWaves(context, revised?.communications ?? built.communications, waves),
        }
      : {}),
  };
  const model: Playbook = {
    meta: {
      generator: 'mfa-playbook',
      generatorVersion: inputs.generatorVersion,
      modelVersion: MODEL_VERSION,
      asOf: inputs.today,
      planVersion: revised?.history.at(-1)!.version ?? config.planVersion,
      planVersionDate: revised?.history.at(-1)!.date ?? config.planVersionDate ?? inputs.today,
    },
    organisation: {
      name: config.organisation.name,
      shortName: config.organisation.shortName ?? config.organisation.name,
      slug: tenantSlug(config),
      domain: config.organisation.domain,
      tenantDomain: config.organisation.tenantDomain,
      userCount: config.organisation.userCount,
    },
    licence: config.licence,
    locale: config.locale,
    staffLanguages: staffLanguagesOf(config),
    staffMessages: config.staffMessages,
    timeZone: config.timeZone,
    method: config.method,
    pageSize: config.pageSize ?? defaultPageSize(config.locale),
    helpdesk: { ...config.helpdesk, url: config.helpdesk.url ?? null },
    people: config.people,
    current: {
      securityDefaults: config.current.securityDefaults,
      perUserMfa: config.current.perUserMfa,
      registrationRate: config.current.registrationRate ?? null,
    },
    thresholds: config.thresholds,
    pilotGroup: { name: config.pilotGroup.name, objectId: config.pilotGroup.objectId ?? null, members: [...config.pilotGroup.members] },
    breakGlass: {
      group: { name: config.breakGlass.group.name, objectId: config.breakGlass.group.objectId ?? null },
      accounts: [...config.breakGlass.accounts],
    },
    exceptions: config.exceptions.map((exception) => ({ ...exception, reviewDate: exceptionReviewDate(exception.expiry, exception.reviewDate) })),
    // Present only when the admin recorded done checks, so a plan without any keeps its model as it was.
    ...(Object.keys(config.progress.done).length > 0 ? { progress: { done: { ...config.progress.done } } } : {}),
    schedule,
    // Present only for a plan in waves, so a one-wave plan's model (and every output) stays as it was.
    ...(waves ? { waves } : {}),
    ...sections,
    evidence: inputs.evidence ?? null,
    warnings: inputs.warnings ?? [],
    ...(revised ? { history: revised.history } : {}),
  };
  // Validating the finished model catches a generator that drifted from the shape renderers expect.
  return playbookSchema.parse(model);
}

interface RevisedPlan {
  communications: Communication[];
  history: PlanHistory;
}

/**
 * The messages and history of a revised plan: each version's messages, merged at the revision's day so that what
 * was dated (and sent) before it stays as it was, and the history of versions with what each moved. The versions
 * come from planSchedule(); the first is dated `planVersionDate`, or the start date when the config does not give it.
 */
function revisedPlan(versions: DatedVersion[], calendar: WorkCalendar, inputs: Pick<GeneratorContext, 'today' | 'measuredRate'>): RevisedPlan {
  const messagesOf = (version: DatedVersion, previous: DatedVersion | undefined): GeneratorContext => {
    const staffDatesMoved =
      previous !== undefined &&
      (previous.schedule.enforcementDate !== version.schedule.enforcementDate || previous.schedule.registrationDeadline !== version.schedule.registrationDeadline);
    // A plan in waves: each version's messages give that version's waves (first and last day, each place's day).
    const waves = datedSchedule(version.config, calendar).waves;
    return {
      config: version.config,
      schedule: version.schedule,
      calendar,
      ...inputs,
      ...(waves ? { waves } : {}),
      dateMove: staffDatesMoved
        ? { date: version.date, previousEnforcementDate: previous.schedule.enforcementDate, previousRegistrationDeadline: previous.schedule.registrationDeadline }
        : undefined,
    };
  };
  const history: PlanHistory = [];
  let communications: Communication[] = [];
  versions.forEach((version, index) => {
    const previous = versions[index - 1];
    const written = buildCommunications(messagesOf(version, previous), inputs.measuredRate);
    const merged = previous ? mergeCommunications(communications, written, version.date) : written;
    history.push({
      version: version.version,
      date: version.date,
      reason: version.revision?.reason ?? null,
      changes: previous ? revisionChanges({ schedule: previous.schedule, communications }, { schedule: version.schedule, communications: merged }) : [],
      schedule: version.schedule,
    });
    communications = merged;
  });
  return { communications, history };
}
