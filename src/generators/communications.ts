import type { Communication, CommunicationId } from '../model/content.ts';
import type { Task } from '../model/schedule.ts';
import type { GeneratorContext } from './context.ts';
import { methodName } from './names.ts';
import { addDays, formatLongDate, formatShortDate, formatWeekday } from './text/dates.ts';
import { renderTemplate } from './text/handlebars.ts';
import { pilotStory } from './pilot.ts';
import { factById } from './facts.ts';

// The messages of the rollout. Wording lives in src/templates/communications/<id>.<part>.hbs; this
// module decides who gets what and when (dates from the schedule), and builds the data the texts read.

/** The page where users add or change their sign-in methods. */
export const SECURITY_INFO_URL = 'https://aka.ms/mysecurityinfo';

/** Intranet banners are cut to this length (the model enforces it too). */
export const BANNER_MAX = 160;

export interface ReminderDecision {
  status: 'scheduled' | 'conditional' | 'not-needed';
  condition: string;
  decisionNote: string;
}

/** The best registration rate known when the plan is built, and the day it was measured. */
export interface KnownRate {
  rate: number;
  date: string;
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
  const lastCount = measured ? `At the last count (${rate}% on ${measured})` : `At the last count (${rate}%)`;
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

/** The data every communication template reads. Values are raw: the HTML environment escapes them. */
export function communicationData(context: GeneratorContext) {
  const { config, schedule } = context;
  const locale = config.locale;
  const long = (date: string) => formatLongDate(date, locale);
  const short = (date: string) => formatShortDate(date, locale);
  const milestone = (id: string) => {
    const found = schedule.milestones.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`The schedule has no milestone "${id}"`);
    return found.date;
  };
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

function renderMessage(plan: MessagePlan, data: CommunicationData, context: GeneratorContext): Communication {
  const part = (name: (typeof COMMUNICATION_PARTS)[number]) => renderTemplate(`communications/${plan.id}.${name}`, data);
  const { config } = context;
  const from =
    plan.from === 'helpdesk'
      ? { name: `IT helpdesk, ${data.shortName}`, email: config.helpdesk.email }
      : { name: config.people.itLead.name, email: config.people.itLead.email };
  return {
    id: plan.id,
    title: plan.title,
    audience: plan.audience,
    audienceLabel: plan.audienceLabel,
    sendDate: plan.send?.date ?? null,
    sendDay: plan.send?.day ?? null,
    status: plan.status,
    ...(plan.condition ? { condition: plan.condition } : {}),
    ...(plan.decisionNote ? { decisionNote: plan.decisionNote } : {}),
    from,
    subject: part('subject').replace(/\s+/g, ' ').trim(),
    html: tidyHtml(part('html')),
    text: tidyText(part('text')),
    teams: tidyText(part('teams')),
    banner: fitBanner(part('banner')),
    staffVisible: plan.staffVisible,
  };
}

/**
 * Every communication of the rollout, in sending order. `knownRate` is the best registration rate
 * known at build time; by default the config's current rate, taken as measured on the plan date.
 * A caller holding fresher evidence (a registration export) passes that instead.
 */
export function buildCommunications(context: GeneratorContext, knownRate?: KnownRate | null): Communication[] {
  const { config, schedule } = context;
  const milestone = (id: string) => {
    const found = schedule.milestones.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`The schedule has no milestone "${id}"`);
    return { date: found.date, day: found.day };
  };
  const rate: KnownRate | null =
    knownRate !== undefined ? knownRate : config.current.registrationRate !== undefined ? { rate: config.current.registrationRate, date: context.today } : null;
  const reminderAt = milestone('reminder-check');
  const reminder = reminderDecision(rate?.rate ?? null, config.thresholds.reminderBelowRate, reminderAt.date, rate?.date, config.locale);
  const contactAt = milestone('individual-contact');
  const data = communicationData(context);

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
  return plans.map((plan) => renderMessage(plan, data, context));
}
