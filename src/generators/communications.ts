import { publicWavePlan, staffWaveName, staffWaveWho, waveNoticeId } from '../model/waves.ts';
import Handlebars from 'handlebars';
import { staffLanguageAudiences, type Communication, type CommunicationId, type MessageText } from '../model/content.ts';
import type { CommunicationStatus } from '../model/communication-status.ts';
import type { MilestoneId, Task } from '../model/schedule.ts';
import type { GeneratorContext } from './context.ts';
import { methodName } from '../model/names.ts';
import { addDays, formatLongDate, formatShortDate, formatWeekday, longDateIn, shortDateIn, timeIn, weekdayIn } from './text/dates.ts';
import { renderTemplate, type TranslatedData } from './text/handlebars.ts';
import { translatorFor } from '../i18n/catalog.ts';
import { FALLBACK_LANGUAGE, staffLanguagesOf } from '../i18n/languages.ts';
import type { HtmlTag, MessageValues } from '../i18n/translate.ts';
import { pilotStory } from './pilot.ts';
import { factById } from './facts.ts';
import { awayPeriods, awayWarning } from './away.ts';

// The messages of the rollout. The layout of each lives in src/templates/communications/<id>.<part>.hbs and
// its words in the staff languages' catalogs (src/i18n/locales/<language>/messages.json); messages to the IT
// team and the helpdesk are English templates. This module decides who gets what and when (dates from the
// schedule), in which languages, and builds the data the texts read.

/** The page where users add or change their sign-in methods. */
export const SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';

/** Intranet banners are cut to this length (the model enforces it too). */
export const BANNER_MAX = 160;

export interface ReminderDecision {
  status: CommunicationStatus;
  condition: string;
  decisionNote: string;
}

/** The best registration rate known when the plan is built, and the day it was measured (unknown for the config's figure). */
export interface KnownRate {
  rate: number;
  date?: string | undefined;
}

/**
 * Whether the reminder goes out. The rate that decides is the rate on the reminder day; a rate measured
 * earlier is only a forecast, and the note says so.
 */
export function reminderDecision(rate: number | null, threshold: number, reminderDate: string, measuredOn?: string, locale = 'en-GB'): ReminderDecision {
  const day = formatLongDate(reminderDate, locale);
  const condition = `Send only if fewer than ${threshold}% of users are registered on ${day}.`;
  if (rate === null) {
    return {
      status: 'conditional',
      condition,
      decisionNote: `The registration rate is not known yet. The rate on ${day} decides: send the reminder if it is below ${threshold}%, otherwise leave it.`,
    };
  }
  const measured = measuredOn ? formatLongDate(measuredOn, locale) : null;
  const decisive = measuredOn !== undefined && measuredOn >= reminderDate;
  if (decisive) {
    return rate < threshold
      ? { status: 'scheduled', condition, decisionNote: `On ${measured} the rate was ${rate}%, below ${threshold}%: send the reminder.` }
      : { status: 'not-needed', condition, decisionNote: `On ${measured} the rate was ${rate}%, at or above ${threshold}%: no reminder is needed.` };
  }
  const lastCount = measured ? `At the last count (${rate}% on ${measured})` : `At the last count given in the configuration (${rate}%, date not recorded)`;
  return rate < threshold
    ? {
        status: 'conditional',
        condition,
        decisionNote: `${lastCount} the rate was below ${threshold}%. Send the reminder on ${day} unless the rate has reached ${threshold}% by then.`,
      }
    : {
        status: 'conditional',
        condition,
        decisionNote: `${lastCount} the rate was already at or above ${threshold}%, so the reminder will probably not be needed. Check the rate on ${day} and send it only if it is below ${threshold}%.`,
      };
}

function taskDate(tasks: Task[], id: string): { date: string; day: number } {
  const task = tasks.find((candidate) => candidate.id === id);
  if (!task) throw new Error(`The schedule has no task "${id}"`);
  return { date: task.date, day: task.day };
}

/** Only http(s) addresses become links; anything else (say, a javascript: URL) is left out. */
function safeUrl(url: string | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Plain text tidy-up: no trailing spaces, no runs of blank lines left by template conditionals. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function tidyHtml(html: string): string {
  return html
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n')
    .trim();
}

/** A banner longer than the limit is cut at a word boundary; with the short dates and names it rarely is. */
export function fitBanner(text: string, max = BANNER_MAX): string {
  const single = text.replace(/\s+/g, ' ').trim();
  if (single.length <= max) return single;
  const cut = single.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The data every communication template reads, for one staff language. Values are raw: the HTML environment escapes them. */
export function communicationData(context: GeneratorContext, language: string = staffLanguagesOf(context.config)[0]!) {
  const { config, schedule } = context;
  const locale = config.locale;
  const long = (date: string) => formatLongDate(date, locale);
  const short = (date: string) => formatShortDate(date, locale);
  const milestone = (id: MilestoneId) => schedule.milestones[id].date;
  const enforcement = schedule.enforcementDate;
  const briefing = taskDate(schedule.tasks, 'pilot.helpdesk-briefing').date;
  const isTomorrow = addDays(briefing, 1) === enforcement;
  const shortName = config.organisation.shortName ?? config.organisation.name;
  const pilot = pilotStory(config);
  const smsVoiceRetirement = factById('sms-voice-retirement').effective;
  return {
    org: config.organisation.name,
    shortName,
    method: {
      name: methodName(config.method),
      isPasskey: config.method === 'passkey',
    },
    securityInfoUrl: SECURITY_INFO_URL,
    enforcementTime: config.enforcementTime,
    dates: {
      announcement: long(milestone('announcement')),
      reminder: long(milestone('reminder-check')),
      contact: long(milestone('individual-contact')),
      deadline: long(schedule.registrationDeadline),
      pilotStart: long(milestone('pilot-start')),
      goNoGo: long(milestone('go-no-go')),
      enforcement: long(enforcement),
      watchEnd: long(milestone('watch-end')),
      completion: long(milestone('validation-signoff')),
    },
    short: {
      deadline: short(schedule.registrationDeadline),
      enforcement: short(enforcement),
      pilotStart: short(milestone('pilot-start')),
    },
    when: {
      /** "tomorrow" when the notice goes out the calendar day before, else "on Monday". */
      enforcementShort: isTomorrow ? 'tomorrow' : `on ${formatWeekday(enforcement, locale)}`,
      /** "tomorrow, Tuesday 9 February 2027" or "Monday 8 February 2027". */
      enforcementLead: isTomorrow ? `tomorrow, ${long(enforcement)}` : long(enforcement),
    },
    helpdesk: {
      phone: config.helpdesk.phone,
      phoneHref: `tel:${config.helpdesk.phone.replace(/[^0-9+]/g, '')}`,
      email: config.helpdesk.email,
      hours: config.helpdesk.hours,
      url: safeUrl(config.helpdesk.url),
    },
    itLead: { ...config.people.itLead },
    approver: { ...config.people.approver },
    sponsor: { ...config.people.sponsor },
    thresholds: { targetRate: config.thresholds.targetRate, reminderBelowRate: config.thresholds.reminderBelowRate },
    pilotGroup: config.pilotGroup.name,
    pilot: { policyOn: pilot.policyOn, whatHappens: pilot.whatHappens, signInLogShows: pilot.signInLogShows },
    /** Staff who still sign in with a text message or a call are told the date it stops, while it is still ahead. */
    smsVoice: {
      upcoming: smsVoiceRetirement !== undefined && smsVoiceRetirement >= milestone('announcement'),
      date: smsVoiceRetirement ? long(smsVoiceRetirement) : '',
    },
    /** A plan in waves (null for one wave): the messages to all staff give the span and how each person learns their day. */
    waves: waveMessageData(context, language),
    /** In a revised plan: whether the "date moved" message also gives a new registration deadline. */
    dateMove: { deadlineMoved: context.dateMove !== undefined && context.dateMove.previousRegistrationDeadline !== schedule.registrationDeadline },
    ...translatedData(context, language, { enforcement, briefingIsEve: isTomorrow, milestone, shortName, smsVoiceRetirement }),
  };
}

/**
 * What the messages of a plan in waves read: in the staff language, the wave dates by site or department (when the
 * waves are named so); in English, for the helpdesk briefing and the pilot notice, every wave's day and busy days.
 * Wave names are the staff's (number, site, department), never the wave's Entra group.
 */
function waveMessageData(context: GeneratorContext, language: string) {
  if (!context.waves) return null;
  const plan = publicWavePlan(context.waves);
  const locale = context.config.locale;
  const translator = translatorFor(language);
  const english = translatorFor(FALLBACK_LANGUAGE);
  return {
    count: plan.waves.length,
    byPlace: plan.findYourDate === 'place',
    dates: plan.waves.map((wave) => translator.text('messages.announcement.waveDate', { who: staffWaveWho(translator, wave), date: longDateIn(wave.enforcementDate, language) })),
    first: formatLongDate(plan.firstEnforcementDate, locale),
    last: formatLongDate(plan.lastEnforcementDate, locale),
    firstShort: formatShortDate(plan.firstEnforcementDate, locale),
    lastShort: formatShortDate(plan.lastEnforcementDate, locale),
    days: plan.waves.map((wave) => ({
      name: staffWaveName(english, wave),
      date: formatLongDate(wave.enforcementDate, locale),
      busyUntil: formatLongDate(wave.watchEndDate, locale),
    })),
  };
}

/** The message values of one staff language: dates, times and names as that language writes them. */
function translatedData(
  context: GeneratorContext,
  language: string,
  known: { enforcement: string; briefingIsEve: boolean; milestone: (id: MilestoneId) => string; shortName: string; smsVoiceRetirement: string | undefined },
): TranslatedData {
  const { config, schedule } = context;
  const translator = translatorFor(language);
  const long = (date: string) => longDateIn(date, language);
  const short = (date: string) => shortDateIn(date, language);
  const tomorrow = known.briefingIsEve ? 'yes' : 'no';
  const enforcement = long(known.enforcement);
  const helpdeskUrl = safeUrl(config.helpdesk.url);
  const values: Record<string, string> = {
    org: config.organisation.name,
    shortName: known.shortName,
    methodName: translator.text(`messages.method.${config.method}`),
    securityInfoUrl: SECURITY_INFO_URL,
    enforcementTime: timeIn(config.enforcementTime, language),
    enforcement,
    deadline: long(schedule.registrationDeadline),
    enforcementShort: short(known.enforcement),
    deadlineShort: short(schedule.registrationDeadline),
    enforcementWhen: translator.text('messages.when.short', { tomorrow, weekday: weekdayIn(known.enforcement, language) }),
    enforcementLead: translator.text('messages.when.lead', { tomorrow, enforcement }),
    phone: config.helpdesk.phone,
    phoneHref: `tel:${config.helpdesk.phone.replace(/[^0-9+]/g, '')}`,
    email: config.helpdesk.email,
    hours: config.helpdesk.hours,
    url: helpdeskUrl ?? '',
    itLeadName: config.people.itLead.name,
    itLeadRole: config.people.itLead.role,
    itLeadEmail: config.people.itLead.email,
    sponsorName: config.people.sponsor.name,
    sponsorRole: config.people.sponsor.role,
    smsVoiceDate: known.smsVoiceRetirement ? long(known.smsVoiceRetirement) : '',
    // The enforcement date a revision replaced, read by the "date moved" message only (unrevised: the date itself).
    previousEnforcement: long(context.dateMove?.previousEnforcementDate ?? known.enforcement),
    previousEnforcementShort: short(context.dateMove?.previousEnforcementDate ?? known.enforcement),
    // A plan in waves: the first and last wave's days, and how a person learns their own ("place" or "email").
    ...(context.waves ? waveValues(publicWavePlan(context.waves), long, short) : {}),
  };
  const escape = Handlebars.Utils.escapeExpression;
  const link =
    (href: string): HtmlTag =>
    (content) =>
      `<a href="${escape(href)}">${content}</a>`;
  const quote =
    (open: string, close: string): HtmlTag =>
    (content) =>
      `${translator.text(open)}${content}${translator.text(close)}`;
  return {
    translator,
    values,
    htmlTags: {
      tel: link(values.phoneHref!),
      mailto: link(`mailto:${values.email!}`),
      web: link(values.url!),
      security: link(SECURITY_INFO_URL),
      ui: quote('messages.quote.open', 'messages.quote.close'),
    },
    textTags: { ui: quote('messages.quote.plainOpen', 'messages.quote.plainClose') },
  };
}

function waveValues(plan: ReturnType<typeof publicWavePlan>, long: (date: string) => string, short: (date: string) => string): Record<string, string> {
  return {
    firstEnforcement: long(plan.firstEnforcementDate),
    lastEnforcement: long(plan.lastEnforcementDate),
    firstEnforcementShort: short(plan.firstEnforcementDate),
    lastEnforcementShort: short(plan.lastEnforcementDate),
    findYourDate: plan.findYourDate,
  };
}

export type CommunicationData = ReturnType<typeof communicationData>;

export const COMMUNICATION_PARTS = ['subject', 'html', 'text', 'teams', 'banner'] as const;

interface MessagePlan {
  id: CommunicationId;
  title: string;
  audience: Communication['audience'];
  audienceLabel: string;
  send: { date: string; day: number } | null;
  status: Communication['status'];
  condition?: string;
  decisionNote?: string;
  from: 'it-lead' | 'helpdesk';
  staffVisible: boolean;
}

/** The five parts of one message in one language. */
function renderParts(id: CommunicationId, data: CommunicationData, language: string): MessageText {
  const part = (name: (typeof COMMUNICATION_PARTS)[number]) => renderTemplate(`communications/${id}.${name}`, data);
  const catalogKey = id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return {
    language,
    title: data.translator.has(`messages.${catalogKey}.title`) ? data.translator.text(`messages.${catalogKey}.title`, data.values) : '',
    subject: part('subject').replace(/\s+/g, ' ').trim(),
    html: tidyHtml(part('html')),
    text: tidyText(part('text')),
    teams: tidyText(part('teams')),
    banner: fitBanner(part('banner')),
  };
}

/** Text that divides the languages of a bilingual plain-text message or Teams post. */
const LANGUAGE_DIVIDER = '\n\n* * *\n\n';

/**
 * One message holding every language, the default first: subjects joined with " / ", each body in its own
 * block marked with its language. The banner stays one language (a banner is one short line); every
 * language's own banner is kept in `languages`.
 */
function bilingual(versions: MessageText[]): Omit<MessageText, 'language' | 'title'> {
  return {
    subject: versions.map((version) => version.subject).join(' / '),
    html: versions.map((version) => `<div lang="${version.language}">\n${version.html}\n</div>`).join('\n<hr>\n'),
    text: versions.map((version) => version.text).join(LANGUAGE_DIVIDER),
    teams: versions.map((version) => version.teams).join(LANGUAGE_DIVIDER),
    banner: versions[0]!.banner,
  };
}

function renderMessage(plan: MessagePlan, context: GeneratorContext, dataFor: (language: string) => CommunicationData): Communication {
  const { config } = context;
  const staffLanguages = staffLanguagesOf(config);
  const inStaffLanguages = staffLanguageAudiences.includes(plan.audience);
  const languages = inStaffLanguages ? staffLanguages : [FALLBACK_LANGUAGE];
  const versions = languages.map((language) => renderParts(plan.id, dataFor(language), language));
  const first = versions[0]!;
  const sent = versions.length > 1 && config.staffMessages === 'bilingual' ? bilingual(versions) : first;
  const from =
    plan.from === 'helpdesk'
      ? { name: translatorFor(first.language).text('messages.fromHelpdesk', { shortName: dataFor(first.language).shortName }), email: config.helpdesk.email }
      : { name: config.people.itLead.name, email: config.people.itLead.email };
  return {
    id: plan.id,
    // A message written in the staff languages carries the title of its first language; the others are English.
    title: inStaffLanguages ? first.title : plan.title,
    audience: plan.audience,
    audienceLabel: plan.audienceLabel,
    sendDate: plan.send?.date ?? null,
    sendDay: plan.send?.day ?? null,
    status: plan.status,
    ...(plan.condition ? { condition: plan.condition } : {}),
    ...(plan.decisionNote ? { decisionNote: plan.decisionNote } : {}),
    from,
    subject: sent.subject,
    html: sent.html,
    text: sent.text,
    teams: sent.teams,
    banner: sent.banner,
    staffVisible: plan.staffVisible,
    language: first.language,
    ...(versions.length > 1 ? { languages: versions } : {}),
  };
}

/**
 * Every communication of the rollout, in sending order. `knownRate` is the best registration rate
 * known at build time; by default the config's current rate, taken as measured on the plan date.
 * A caller holding fresher evidence (a registration export) passes that instead.
 */
export function buildCommunications(context: GeneratorContext, knownRate?: KnownRate | null): Communication[] {
  const { config, schedule } = context;
  const milestone = (id: MilestoneId) => ({ date: schedule.milestones[id].date, day: schedule.milestones[id].day });
  const rate: KnownRate | null =
    // The config's figure carries no measurement date: it is not "measured today", whatever the build date.
    knownRate !== undefined ? knownRate : config.current.registrationRate !== undefined ? { rate: config.current.registrationRate } : null;
  const reminderAt = milestone('reminder-check');
  const reminder = reminderDecision(rate?.rate ?? null, config.thresholds.reminderBelowRate, reminderAt.date, rate?.date, config.locale);
  const contactAt = milestone('individual-contact');
  const cache = new Map<string, CommunicationData>();
  const dataFor = (language: string): CommunicationData => {
    let data = cache.get(language);
    if (!data) {
      data = communicationData(context, language);
      cache.set(language, data);
    }
    return data;
  };
  const data = dataFor(FALLBACK_LANGUAGE);

  const plans: MessagePlan[] = [
    {
      id: 'announcement',
      title: 'Announcement',
      audience: 'all-staff',
      audienceLabel: 'All staff',
      send: milestone('announcement'),
      status: 'scheduled',
      from: 'it-lead',
      staffVisible: true,
    },
    {
      id: 'no-smartphone',
      title: 'Signing in without a smartphone',
      audience: 'no-smartphone-users',
      audienceLabel: 'Staff without a smartphone',
      send: taskDate(schedule.tasks, 'register.no-smartphone'),
      status: 'scheduled',
      condition: 'Send to each person on the no-smartphone list, and to anyone who later says they have no smartphone.',
      from: 'it-lead',
      staffVisible: true,
    },
    {
      id: 'reminder',
      title: 'Reminder',
      audience: 'unregistered-users',
      audienceLabel: 'Staff not yet registered',
      send: reminderAt,
      status: reminder.status,
      condition: reminder.condition,
      decisionNote: reminder.decisionNote,
      from: 'it-lead',
      staffVisible: true,
    },
    {
      id: 'individual-contact',
      title: 'Individual contact',
      audience: 'unregistered-users',
      audienceLabel: 'Each user still not registered (one by one)',
      send: contactAt,
      status: 'conditional',
      condition: `Send to each user who is still not registered on ${formatLongDate(contactAt.date, config.locale)}; follow up with a call.`,
      from: 'helpdesk',
      staffVisible: false,
    },
    {
      id: 'manager-escalation',
      title: 'Manager escalation for stragglers',
      audience: 'managers',
      audienceLabel: 'Managers of users still not registered',
      send: taskDate(schedule.tasks, 'register.manager-escalation'),
      status: 'conditional',
      condition: 'Send only to managers whose team members are still not registered after the individual contact, with their names attached.',
      from: 'it-lead',
      staffVisible: false,
    },
    {
      id: 'pilot-notice',
      title: 'Pilot notice',
      audience: 'it-team',
      audienceLabel: `Pilot group (${config.pilotGroup.name}) and pilot volunteers`,
      send: taskDate(schedule.tasks, 'pilot.pilot-notice'),
      status: 'scheduled',
      from: 'it-lead',
      staffVisible: false,
    },
    {
      id: 'helpdesk-briefing',
      title: 'Helpdesk briefing',
      audience: 'helpdesk',
      audienceLabel: 'Helpdesk staff',
      send: taskDate(schedule.tasks, 'pilot.helpdesk-briefing'),
      status: 'scheduled',
      from: 'it-lead',
      staffVisible: false,
    },
    {
      id: 'enforcement-tomorrow',
      title: `MFA starts ${data.when.enforcementShort}`,
      audience: 'all-staff',
      audienceLabel: 'All staff',
      send: taskDate(schedule.tasks, 'pilot.helpdesk-briefing'),
      status: 'scheduled',
      from: 'it-lead',
      staffVisible: true,
    },
    {
      id: 'completion',
      title: 'Thank you',
      audience: 'all-staff',
      audienceLabel: 'All staff',
      send: milestone('validation-signoff'),
      status: 'scheduled',
      condition: 'Send once the approver has signed the validation checklist.',
      from: 'it-lead',
      staffVisible: true,
    },
  ];
  // A revision that moved the dates staff act on tells them, on the revision's day.
  if (context.dateMove) {
    // Sent on the revision's day, or the first working day after it when the revision was made on a closed day.
    const sendDate = context.calendar.nextWorkingDayFrom(context.dateMove.date);
    plans.push({
      id: 'date-moved',
      title: 'The date has moved',
      audience: 'all-staff',
      audienceLabel: 'All staff',
      send: { date: sendDate, day: schedule.days.indexOf(sendDate) + 1 },
      status: 'scheduled',
      from: 'it-lead',
      staffVisible: true,
    });
  }
  // A reminder, contact or escalation sent while many people are away says so, next to its decision.
  const periods = awayPeriods(schedule.closedDays);
  const withHolidayNotes = plans.map((plan) => {
    const warning =
      plan.send && ['reminder', 'individual-contact', 'manager-escalation'].includes(plan.id) ? awayWarning(plan.send.date, periods, config.locale, schedule.days) : undefined;
    return warning ? { ...plan, decisionNote: plan.decisionNote ? `${plan.decisionNote} ${warning}` : warning } : plan;
  });
  return withHolidayNotes.map((plan) => renderMessage(plan, context, dataFor));
}

/**
 * The "MFA starts" notice of one wave of a plan in waves: the same message, in the staff languages, dated for the
 * wave (sent on its go/no-go day, the working day before its enforcement) and addressed to its members.
 */
export function waveEnforcementNotice(context: GeneratorContext, wave: { number: number; label: string; goNoGoDate: string; enforcementDate: string }): Communication {
  const { schedule } = context;
  // The message reads the enforcement day and the day before it from the schedule: give it the wave's.
  const waveSchedule = {
    ...schedule,
    enforcementDate: wave.enforcementDate,
    tasks: schedule.tasks.map((task) => (task.id === 'pilot.helpdesk-briefing' ? { ...task, date: wave.goNoGoDate } : task)),
  };
  const waveContext: GeneratorContext = { ...context, schedule: waveSchedule };
  const cache = new Map<string, CommunicationData>();
  const dataFor = (language: string): CommunicationData => {
    const data = cache.get(language) ?? communicationData(waveContext, language);
    cache.set(language, data);
    return data;
  };
  const message = renderMessage(
    {
      id: 'enforcement-tomorrow',
      title: `MFA starts ${dataFor(FALLBACK_LANGUAGE).when.enforcementShort} for ${wave.label}`,
      audience: 'all-staff',
      audienceLabel: `Members of ${wave.label}`,
      send: { date: wave.goNoGoDate, day: schedule.days.indexOf(wave.goNoGoDate) + 1 },
      status: 'scheduled',
      condition: `Send after the go/no-go of ${wave.label}, to its members only.`,
      from: 'it-lead',
      // Addressed to the wave's members by email; the staff site does not show one wave's date to everyone.
      staffVisible: false,
    },
    waveContext,
    dataFor,
  );
  return { ...message, id: waveNoticeId(wave.number) };
}
