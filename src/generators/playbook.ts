import slugify from '@sindresorhus/slugify';
import type { TenantConfig } from '../config/schema.ts';
import { MODEL_VERSION, playbookSchema, type Playbook } from '../model/playbook.ts';
import { buildSchedule } from './schedule.ts';
import { buildWavePlan } from './waves.ts';
import { WorkCalendar } from './work-calendar.ts';
import type { GeneratorContext } from './context.ts';
import type { EvidenceReport } from '../model/evidence-report.ts';
import { buildSections } from './sections.ts';
import { staffLanguagesOf } from '../i18n/languages.ts';

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

/** Builds the whole Playbook model from a validated config. Pure: same inputs, same model. */
export function buildPlaybook(config: TenantConfig, inputs: PlaybookInputs): Playbook {
  const calendar = createCalendar(config);
  // A plan in waves: the first wave goes on at the one-wave plan's enforcement day, and the schedule then runs to the last wave.
  const oneWave = buildSchedule(config, calendar);
  const waves = buildWavePlan(config, calendar, oneWave.enforcementDate);
  const schedule = waves ? buildSchedule(config, calendar, { finalEnforcementDate: waves.waves[waves.waves.length - 1]!.enforcementDate }) : oneWave;
  // The reminder is judged on the rate measured on or before the reminder date, not on a later snapshot.
  const basis = inputs.evidence?.registration.reminder;
  const measuredRate = basis && basis.rate !== null && basis.rateDate !== null ? { rate: basis.rate, date: basis.rateDate } : undefined;
  const context: GeneratorContext = { config, schedule, today: inputs.today, calendar, measuredRate, waves: waves ?? undefined };
  const sections = buildSections(context);
  const model: Playbook = {
    meta: {
      generator: 'mfa-playbook',
      generatorVersion: inputs.generatorVersion,
      modelVersion: MODEL_VERSION,
      asOf: inputs.today,
      planVersion: config.planVersion,
      planVersionDate: config.planVersionDate ?? inputs.today,
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
    exceptions: config.exceptions.map((exception) => ({ ...exception })),
    schedule,
    // Present only for a plan in waves, so a one-wave plan's model (and every output) stays as it was.
    ...(waves ? { waves } : {}),
    ...sections,
    evidence: inputs.evidence ?? null,
    warnings: inputs.warnings ?? [],
  };
  // Validating the finished model catches a generator that drifted from the shape renderers expect.
  return playbookSchema.parse(model);
}
