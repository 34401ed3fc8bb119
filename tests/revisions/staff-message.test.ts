import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderEmailDrafts } from '../../src/artifacts/eml.ts';
import { longDateIn, shortDateIn } from '../../src/generators/text/dates.ts';
import { STAFF_LANGUAGES } from '../../src/i18n/languages.ts';
import { staffView } from '../../src/model/views.ts';
import { BEFORE_A_FRIDAY, playbookWith } from './helpers.ts';

// Staff hear that the date has moved: one message on the revision's day, in every staff language, with the old
// and the new enforcement date as that language writes them. The admin's reason is not in it.

const REASON = 'Go/no-go failed: 14% of report-only sign-ins would have been blocked';
const today = BEFORE_A_FRIDAY.goNoGo;
const playbook = playbookWith((config) => {
  config.startDate = BEFORE_A_FRIDAY.startDate;
  config.staffLanguages = [...STAFF_LANGUAGES];
  config.revisions = [{ date: today, reason: REASON, enforcement: 'next-valid-day' }];
}, today);
const notice = playbook.communications.find((message) => message.id === 'date-moved')!;

describe('the staff "date moved" message', () => {
  it('goes to all staff on the revision day and is shown on the staff site', () => {
    expect(notice).toMatchObject({ audience: 'all-staff', sendDate: today, status: 'scheduled', staffVisible: true });
    expect(staffView(playbook).communications.map((message) => message.id)).toContain('date-moved');
  });

  it.each(STAFF_LANGUAGES)('in %s gives the old and the new enforcement date, and not the reason', (language) => {
    const version = notice.languages!.find((entry) => entry.language === language)!;
    expect(version.text).toContain(longDateIn(BEFORE_A_FRIDAY.enforcement, language));
    expect(version.text).toContain(longDateIn('2027-03-22', language));
    expect(version.banner).toContain(shortDateIn('2027-03-22', language));
    expect(version.banner).toContain(shortDateIn(BEFORE_A_FRIDAY.enforcement, language));
    expect(version.teams).toContain(shortDateIn('2027-03-22', language));
    expect(version.subject).toContain(shortDateIn('2027-03-22', language));
    expect(version.html).toContain(`<strong>${longDateIn('2027-03-22', language)}</strong>`);
    for (const part of [version.subject, version.text, version.html, version.teams, version.banner]) expect(part).not.toContain('report-only');
    // The registration deadline did not move: the message does not give one.
    expect(version.text).not.toContain(longDateIn(playbook.schedule.registrationDeadline, language));
  });

  it('is written in each language, not in English', () => {
    const english = notice.languages!.find((entry) => entry.language === 'en-GB')!.text;
    for (const language of STAFF_LANGUAGES.filter((tag) => !tag.startsWith('en-'))) {
      expect(notice.languages!.find((entry) => entry.language === language)!.text).not.toContain(english.split('\n')[2]);
    }
  });

  it('has an email draft per staff language, dated on the revision day', async () => {
    const drafts = (await renderEmailDrafts(playbook)).filter((draft) => draft.path.endsWith('/date-moved.eml'));
    expect(drafts.map((draft) => draft.path).sort()).toEqual(STAFF_LANGUAGES.map((language) => `admin/emails/${language.toLowerCase()}/date-moved.eml`).sort());
    for (const draft of drafts) {
      const mail = await simpleParser(Buffer.from(draft.bytes));
      const language = STAFF_LANGUAGES.find((tag) => tag.toLowerCase() === draft.path.split('/')[2])!;
      expect(mail.subject).toContain(shortDateIn('2027-03-22', language));
      expect(mail.text).toContain(longDateIn(BEFORE_A_FRIDAY.enforcement, language));
      expect(mail.headers.get('x-mfa-playbook-send-date')).toBe(today);
    }
  });
});
