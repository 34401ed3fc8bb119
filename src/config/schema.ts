import { z } from 'zod';
import { STAFF_LANGUAGES, STAFF_MESSAGE_MODES } from '../i18n/languages.ts';
import { BLANK_DECISION_ID } from '../model/content.ts';
import { signInMethods } from '../model/names.ts';
import { email, fileId, httpsUrl, isBcp47Locale, isIanaTimeZone, isoDate, objectId, percentage, text, TEXT_LIMITS, timeOfDay, upn } from './primitives.ts';
import { holidayCountry, holidayRegionProblem } from './holiday-regions.ts';
import { wavesSchema } from './waves.ts';
import { revisionsSchema } from './revisions.ts';
import { NUMBERED_VERSION } from '../model/revisions.ts';

// One schema per config area (the key paths below are a public contract: docs and outside checks use them).

export const organisationSchema = z.strictObject({
  name: text('the organisation name'),
  shortName: text('a short name').max(24, { message: 'expected at most 24 characters' }).optional(),
  domain: z
    .string()
    .max(253, { message: 'expected at most 253 characters' })
    .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { message: 'expected a DNS domain such as contoso.com' }),
  tenantDomain: z
    .string()
    .max(253, { message: 'expected at most 253 characters' })
    .regex(/^[a-z0-9-]+\.onmicrosoft\.com$/i, { message: 'expected the tenant domain ending in .onmicrosoft.com' }),
  userCount: z.int({ message: 'expected a whole number of users' }).min(1, { message: 'expected at least 1 user' }).max(1_000_000),
});

export const holidaysSchema = z
  .strictObject({
    country: holidayCountry,
    region: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/i, { message: 'expected a region code such as ENG or CA' })
      .optional(),
    extraClosedDays: z.array(isoDate).max(1000, { message: 'expected at most 1000 closed days' }).default([]),
  })
  .superRefine((holidays, ctx) => {
    const problem = holidayRegionProblem(holidays.country, holidays.region);
    if (problem) ctx.addIssue({ code: 'custom', path: ['region'], message: problem, input: holidays.region });
  });

const days = (label: string, min: number, fallback: number) =>
  z
    .int({ message: `expected a whole number of working days for ${label}` })
    .min(min, { message: `expected at least ${min} working day${min === 1 ? '' : 's'} for ${label}` })
    .max(120, { message: `expected at most 120 working days for ${label}` })
    .default(fallback);

export const phasesSchema = z
  .strictObject({
    prepare: days('prepare', 1, 2),
    register: days('register', 1, 14),
    pilot: days('pilot', 1, 3),
    enforce: days('enforce', 1, 1),
    validate: days('validate', 1, 3),
  })
  .default({ prepare: 2, register: 14, pilot: 3, enforce: 1, validate: 3 });

export const thresholdsSchema = z
  .strictObject({
    /** Registration rate (percent) the register phase aims for by its last day. */
    targetRate: percentage.default(95),
    /** Send the reminder when the rate is below this on the reminder day. */
    reminderBelowRate: percentage.default(90),
    /** Plan day (counted in working days from the start, day 1 = start) of the reminder check. */
    reminderDay: z.int().min(1).default(10),
    /** Plan day on which every still-unregistered user is contacted individually. */
    contactDay: z.int().min(1).default(12),
    /** Go/no-go: enforcement goes ahead only if at most this share (percent) of the all-users policy's report-only evaluations would block. */
    goNoGoMaxFailureRate: percentage.default(10),
  })
  .default({ targetRate: 95, reminderBelowRate: 90, reminderDay: 10, contactDay: 12, goNoGoMaxFailureRate: 10 });

export const currentStateSchema = z.strictObject({
  securityDefaults: z.boolean({ message: 'expected true or false' }),
  perUserMfa: z.boolean({ message: 'expected true or false' }).default(false),
  registrationRate: percentage.optional(),
});

export const groupSchema = z.strictObject({
  name: text('the group display name'),
  objectId: objectId.optional(),
});

export const pilotGroupSchema = z.strictObject({
  name: text('the pilot group display name'),
  objectId: objectId.optional(),
  members: z.array(upn).max(10_000, { message: 'expected at most 10000 pilot members' }).default([]),
});

export const breakGlassSchema = z.strictObject({
  group: groupSchema,
  accounts: z.array(upn).min(1, { message: 'expected at least one break-glass account' }).max(10, { message: 'expected at most 10 break-glass accounts' }),
});

export const helpdeskSchema = z.strictObject({
  phone: z.string().regex(/^\+?[0-9 ()\-.]{5,24}$/, { message: 'expected a phone number such as +44 20 7946 0000' }),
  email,
  hours: text('opening hours such as "Mon–Fri 08:00–18:00"', TEXT_LIMITS.sentence),
  url: httpsUrl.optional(),
});

export const personSchema = z.strictObject({
  name: text('a name'),
  role: text('a job title'),
  email,
});

export const peopleSchema = z.strictObject({
  itLead: personSchema,
  approver: personSchema,
  sponsor: personSchema,
});

export const exceptionKinds = ['shared-mailbox', 'room', 'service-account', 'no-smartphone'] as const;

/** A date that must be given: a missing one is refused with `missing`, which says what the date is for. */
const requiredDate = (missing: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? missing : 'expected a date written YYYY-MM-DD') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD' })
    .pipe(isoDate);

// An exception is a standing decision about one account, like an exemption override: someone owns it, it is
// reviewed, and it lapses. Without an expiry it would stay in force for ever, so it is refused.
export const exceptionSchema = z.strictObject({
  account: text('the account (a UPN or a short description)'),
  kind: z.enum(exceptionKinds, { message: `expected one of ${exceptionKinds.join(', ')}` }),
  plan: text('what will be done for this account', TEXT_LIMITS.sentence),
  owner: text('the name of the person who owns this exception', TEXT_LIMITS.name, 'an exception needs an owner: the person who renews it, replaces it with a fix or ends it'),
  /** Default: EXCEPTION_REVIEW_LEAD_DAYS before the expiry (src/model/register.ts). */
  reviewDate: isoDate.optional(),
  expiry: requiredDate('an exception needs an expiry: the date (YYYY-MM-DD) it lapses unless its owner renews it'),
});

export const overrideSchema = z.strictObject({
  decidedBy: personSchema.omit({ email: true }).extend({ email: email.optional() }),
  decidedOn: isoDate,
  riskOwner: text('the name of the person who owns the risk'),
  compensatingControls: z
    .array(text('a control', TEXT_LIMITS.sentence))
    .min(1, { message: 'expected at least one compensating control' })
    .max(50, { message: 'expected at most 50 compensating controls' }),
  // An accepted risk lapses: without an expiry an override would stay open for ever, so it is refused.
  expiry: requiredDate('an override needs an expiry: the date (YYYY-MM-DD) its accepted risk lapses'),
  reviewDate: isoDate.optional(),
});

export const exemptionRequestSchema = z.strictObject({
  id: fileId([BLANK_DECISION_ID]),
  name: text('the name of the person the request is about'),
  role: text('their role'),
  date: isoDate,
  reason: text('the stated reason', TEXT_LIMITS.sentence),
  requestedBy: text('who asked').optional(),
  override: overrideSchema.optional(),
});

/**
 * What the admin has done, so that `status` counts as overdue only what is not recorded: each check of the
 * checklists by its id (as `status` prints it after the slash, e.g. "prepare.exceptions") with the day it was done.
 */
export const progressSchema = z
  .strictObject({
    done: z
      .record(
        z.string(),
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected the day it was done, written YYYY-MM-DD' })
          .pipe(isoDate),
      )
      .superRefine((done, ctx) => {
        for (const id of Object.keys(done)) {
          if (!/^(prepare|register|pilot|enforce|validate)\.[a-z0-9-]+$/.test(id))
            ctx.addIssue({ code: 'custom', path: [id], message: `"${id}" is not a check id; write it as status prints it after the slash, such as prepare.exceptions` });
        }
      })
      .default({}),
  })
  .default({ done: {} });

/** The sign-in methods staff can be asked to set up (the model owns the list and their names). */
export const methods = signInMethods;

export const tenantConfigSchema = z
  .strictObject({
    $schema: z
      .string()
      .max(TEXT_LIMITS.url, { message: `expected at most ${TEXT_LIMITS.url} characters` })
      .optional(),
    organisation: organisationSchema,
    licence: z.enum(['free', 'P1', 'P2'], { message: 'expected one of free, P1, P2' }),
    startDate: isoDate,
    locale: z.string().max(64, { message: 'expected at most 64 characters' }).refine(isBcp47Locale, { message: 'expected a BCP 47 language tag such as en-GB' }).default('en-GB'),
    /** Languages of everything staff read, the first being the default; absent: the locale if it has texts, else en-GB. */
    staffLanguages: z
      .array(z.enum(STAFF_LANGUAGES, { message: `expected a language with texts: ${STAFF_LANGUAGES.join(', ')}` }))
      .min(1, { message: `expected at least one language: ${STAFF_LANGUAGES.join(', ')}` })
      .optional(),
    /** With several staff languages: one message per language, or one message holding every language. */
    staffMessages: z.enum(STAFF_MESSAGE_MODES, { message: `expected ${STAFF_MESSAGE_MODES.join(' or ')}` }).default('per-language'),
    timeZone: z.string().max(64, { message: 'expected at most 64 characters' }).refine(isIanaTimeZone, { message: 'expected an IANA time zone such as Europe/London' }),
    holidays: holidaysSchema,
    phases: phasesSchema,
    thresholds: thresholdsSchema,
    current: currentStateSchema,
    pilotGroup: pilotGroupSchema,
    breakGlass: breakGlassSchema,
    helpdesk: helpdeskSchema,
    people: peopleSchema,
    exceptions: z.array(exceptionSchema).max(1000, { message: 'expected at most 1000 exceptions' }).default([]),
    progress: progressSchema,
    exemptionRequests: z.array(exemptionRequestSchema).max(500, { message: 'expected at most 500 exemption requests' }).default([]),
    method: z.enum(methods, { message: 'expected authenticator or passkey' }).default('authenticator'),
    /** Local time at which the enforcing policy is switched on; used for calendar events. */
    enforcementTime: timeOfDay.default('08:00'),
    /** Version printed on the plan's cover; bump it when the plan is re-issued. */
    planVersion: z
      .string()
      .regex(/^[0-9A-Za-z.\-]{1,16}$/, { message: 'expected a short version such as 1.0' })
      .default('1.0'),
    /** The day this plan version was issued; calendars stamp their events with it (default: the plan date). */
    planVersionDate: isoDate.optional(),
    /** Paper size of the PDFs; by default A4, or Letter for en-US and en-CA. */
    pageSize: z.enum(['A4', 'Letter'], { message: 'expected A4 or Letter' }).optional(),
    /** Enforcement in waves sized by the helpdesk's capacity (see waves.ts); absent: everyone in one sitting. */
    waves: wavesSchema.optional(),
    /** Dated changes to the plan under way, oldest first; each is a new plan version (see src/config/revisions.ts). */
    revisions: revisionsSchema,
  })
  .superRefine((config, ctx) => {
    if (config.revisions.length > 0 && !NUMBERED_VERSION.test(config.planVersion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['planVersion'],
        message: `a revised plan counts its versions from a major and a minor number (1.0, 2.0): each revision raises the minor one, found "${config.planVersion}"`,
      });
    }
    config.staffLanguages?.forEach((language, index) => {
      if (config.staffLanguages!.indexOf(language) !== index) ctx.addIssue({ code: 'custom', path: ['staffLanguages', index], message: `"${language}" is listed twice` });
    });
    const seen = new Set<string>();
    config.exemptionRequests.forEach((request, index) => {
      if (seen.has(request.id)) {
        ctx.addIssue({ code: 'custom', path: ['exemptionRequests', index, 'id'], message: `duplicate id "${request.id}"` });
      }
      seen.add(request.id);
    });
  });

export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
export type TenantConfig = z.output<typeof tenantConfigSchema>;
export type Person = z.output<typeof personSchema>;
export type ExceptionKind = (typeof exceptionKinds)[number];
export type Method = (typeof methods)[number];
