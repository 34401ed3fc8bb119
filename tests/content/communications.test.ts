import { describe, expect, it } from 'vitest';
import { reminderDecision, fitBanner, BANNER_MAX } from '../../src/generators/communications.ts';
import { formatLongDate, formatShortDate, textLocale } from '../../src/generators/text/dates.ts';
import type { Communication } from '../../src/model/content.ts';
import type { MilestoneId } from '../../src/model/schedule.ts';
import { playbookFor, examplePlaybook, EXAMPLE_CONFIG, ROOT } from '../helpers/example.ts';
import { buildCommunications } from '../../src/generators/communications.ts';
import { buildSchedule } from '../../src/generators/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import { readConfig } from '../helpers/example.ts';
import { staffView, helpdeskView } from '../../src/model/views.ts';

const playbook = examplePlaybook();
const byId = (id: Communication['id']) => playbook.communications.find((message) => message.id === id)!;
const milestone = (id: MilestoneId) => playbook.schedule.milestones[id].date;
const task = (id: string) => playbook.schedule.tasks.find((entry) => entry.id === id)!.date;
const long = (date: string) => formatLongDate(date, playbook.locale);
const short = (date: string) => formatShortDate(date, playbook.locale);

describe('date formatting', () => {
  it('writes dates the British way for en-GB and the American way for en-US', () => {
    expect(formatLongDate('2027-02-08', 'en-GB')).toBe('Monday, 8 February 2027');
    expect(formatLongDate('2027-02-08', 'en-US')).toBe('Monday, February 8, 2027');
    expect(formatShortDate('2027-02-08', 'en-GB')).toBe('8 February');
    expect(textLocale('de-CH')).toBe('en-GB');
  });
});

describe('communications for the example tenant', () => {
  it('has the full set, each with every part filled', () => {
    expect(playbook.communications.map((message) => message.id).sort()).toEqual(
      ['announcement', 'completion', 'enforcement-tomorrow', 'helpdesk-briefing', 'individual-contact', 'manager-escalation', 'no-smartphone', 'pilot-notice', 'reminder'].sort(),
    );
    for (const message of playbook.communications) {
      for (const part of [message.subject, message.html, message.text, message.teams, message.banner]) expect(part.trim().length, message.id).toBeGreaterThan(0);
      expect(message.banner.length, message.id).toBeLessThanOrEqual(BANNER_MAX);
      expect(message.html, message.id).toMatch(/^<p>/);
    }
  });

  it('sends on the schedule\u2019s dates and says those dates in the texts', () => {
    expect(byId('announcement').sendDate).toBe(milestone('announcement'));
    expect(byId('reminder').sendDate).toBe(milestone('reminder-check'));
    expect(byId('individual-contact').sendDate).toBe(milestone('individual-contact'));
    expect(byId('helpdesk-briefing').sendDate).toBe(task('pilot.helpdesk-briefing'));
    expect(byId('enforcement-tomorrow').sendDate).toBe(task('pilot.helpdesk-briefing'));
    expect(byId('completion').sendDate).toBe(milestone('validation-signoff'));
    expect(byId('announcement').sendDay).toBe(3);

    const enforcement = long(playbook.schedule.enforcementDate);
    const deadline = long(playbook.schedule.registrationDeadline);
    expect(enforcement).toBe('Monday, 8 February 2027');
    expect(deadline).toBe('Monday, 1 February 2027');
    for (const id of ['announcement', 'reminder', 'no-smartphone'] as const) {
      for (const body of [byId(id).text, byId(id).html]) {
        expect(body, id).toContain(enforcement);
        expect(body, id).toContain(deadline);
      }
    }
    expect(byId('announcement').subject).toContain(short(playbook.schedule.registrationDeadline));
    expect(byId('announcement').banner).toContain(short(playbook.schedule.registrationDeadline));
    expect(byId('pilot-notice').text).toContain(long(milestone('pilot-start')));
    expect(byId('pilot-notice').text).toContain(long(milestone('go-no-go')));
    expect(byId('helpdesk-briefing').text).toContain(`${enforcement} at 08:00`);
    expect(byId('helpdesk-briefing').text).toContain(long(milestone('watch-end')));
    expect(byId('completion').text).toContain(enforcement);
  });

  it('says "on Monday" rather than "tomorrow" when the notice goes out on the Friday before', () => {
    const notice = byId('enforcement-tomorrow');
    expect(notice.sendDate).toBe('2027-02-05');
    expect(notice.subject).toBe('The new sign-in step starts on Monday: what to expect');
    expect(notice.text).not.toMatch(/tomorrow/i);
    expect(notice.text).toContain('From Monday, 8 February 2027,');
  });

  it('puts the helpdesk phone, email and hours where staff need help', () => {
    const { phone, email, hours } = playbook.helpdesk;
    for (const message of playbook.communications.filter((entry) => entry.staffVisible)) {
      expect(message.text, message.id).toContain(phone);
      expect(message.text, message.id).toContain(email);
      expect(message.text, message.id).toContain(hours);
      expect(message.html, message.id).toContain(`<a href="tel:+442079460321">${phone}</a>`);
      expect(message.teams + message.banner, message.id).toContain(phone);
    }
    expect(byId('individual-contact').text).toContain(phone);
    expect(byId('manager-escalation').text).toContain(phone);
  });

  it('names the organisation, the method and the IT lead as sender', () => {
    for (const message of playbook.communications) {
      expect(message.text, message.id).toContain('Northgate Engineering Ltd');
    }
    expect(byId('announcement').text).toContain('Microsoft Authenticator');
    expect(byId('announcement').text).toContain('type that number into the app');
    expect(byId('announcement').from).toEqual({ name: 'Priya Raman', email: 'priya.raman@northgate-engineering.example' });
    expect(byId('individual-contact').from.email).toBe('ithelp@northgate-engineering.example');
  });

  it('marks only the messages for everyone as staff-visible', () => {
    const visible = playbook.communications.filter((message) => message.staffVisible).map((message) => message.id);
    expect(visible.sort()).toEqual(['announcement', 'completion', 'enforcement-tomorrow', 'no-smartphone', 'reminder']);
    expect(staffView(playbook).communications.map((message) => message.id)).not.toContain('helpdesk-briefing');
    expect(helpdeskView(playbook).communications.map((message) => message.id)).toContain('helpdesk-briefing');
  });

  it('no-smartphone guide offers a security key, a short-term pass, and no SMS or voice', () => {
    const text = byId('no-smartphone').text;
    expect(text).toContain('security key');
    expect(text).toMatch(/short time only/);
    expect(text).toMatch(/do not use text messages or phone calls/);
  });

  it('writes passkey instructions for a passkey tenant', () => {
    const passkey = playbookFor(`${ROOT}tests/fixtures/configs/hostile.config.json`);
    const announcement = passkey.communications.find((message) => message.id === 'announcement')!;
    expect(announcement.text).toContain('passkey option');
    expect(announcement.text).not.toContain('type that number');
  });
});

describe('the reminder follows the registration rate', () => {
  const day = '2027-01-22';

  it('is conditional when the rate is unknown, and says the rate on the day decides', () => {
    const decision = reminderDecision(null, 90, day);
    expect(decision.status).toBe('conditional');
    expect(decision.decisionNote).toContain('not known');
    expect(decision.decisionNote).toContain('Friday, 22 January 2027');
    expect(decision.decisionNote).toContain('below 90%');
  });

  it('forecasts from an earlier count without pretending to know', () => {
    const below = reminderDecision(87, 90, day, '2027-01-04');
    expect(below.status).toBe('conditional');
    expect(below.decisionNote).toBe(
      'At the last count (87% on Monday, 4 January 2027) the rate was below 90%. Send the reminder on Friday, 22 January 2027 unless the rate has reached 90% by then.',
    );
    const above = reminderDecision(93, 90, day, '2027-01-04');
    expect(above.status).toBe('conditional');
    expect(above.decisionNote).toMatch(/probably not be needed/);
  });

  it('decides when the rate was measured on or after the reminder day', () => {
    expect(reminderDecision(87, 90, day, day).status).toBe('scheduled');
    expect(reminderDecision(90, 90, day, '2027-01-25').status).toBe('not-needed');
    expect(reminderDecision(89.9, 90, day, day).decisionNote).toContain('below 90%: send the reminder');
  });

  it('uses the config rate for the example tenant (87%, below 90%)', () => {
    const reminder = byId('reminder');
    expect(reminder.status).toBe('conditional');
    expect(reminder.condition).toBe('Send only if fewer than 90% of users are registered on Friday, 22 January 2027.');
    expect(reminder.decisionNote).toContain('87%');
  });

  it('takes a fresher rate when one is passed in', () => {
    const config = readConfig(EXAMPLE_CONFIG);
    const calendar = createCalendar(config);
    const context = { config, schedule: buildSchedule(config, calendar), today: '2027-01-25', calendar };
    const messages = buildCommunications(context, { rate: 96, date: '2027-01-22' });
    const reminder = messages.find((message) => message.id === 'reminder')!;
    expect(reminder.status).toBe('not-needed');
    const unknown = buildCommunications(context, null).find((message) => message.id === 'reminder')!;
    expect(unknown.decisionNote).toContain('not known');
  });
});

describe('banners', () => {
  it('cuts an over-long banner at a word boundary', () => {
    const cut = fitBanner(`${'word '.repeat(60)}end`);
    expect(cut.length).toBeLessThanOrEqual(BANNER_MAX);
    expect(cut.endsWith('…')).toBe(true);
    expect(fitBanner('short  banner\n')).toBe('short banner');
  });
});
