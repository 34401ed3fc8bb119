import { describe, expect, it } from 'vitest';
import { formatLongDate, formatShortDate } from '../../src/generators/text/dates.ts';
import { BEFORE_A_FRIDAY, playbookWith } from '../revisions/helpers.ts';

// A plan in waves whose go/no-go failed: the revision moves every wave, and the staff messages written for the new
// version (the "date moved" message, the completion) give the new waves, never the first wave's day as everyone's.

const today = BEFORE_A_FRIDAY.goNoGo;
const playbook = playbookWith((config) => {
  config.startDate = BEFORE_A_FRIDAY.startDate;
  config.organisation.userCount = 5000;
  config.current.securityDefaults = false;
  config.waves = {
    mode: 'groups',
    groups: [
      { name: 'MFA-Wave-Leeds', size: 1500, site: 'Leeds' },
      { name: 'MFA-Wave-York', size: 1500, site: 'York' },
    ],
  };
  config.revisions = [{ date: today, reason: 'Go/no-go failed', enforcement: 'next-valid-day' }];
}, today);
const waves = playbook.waves!.waves;
const locale = playbook.locale;
const message = (id: string) => playbook.communications.find((candidate) => candidate.id === id)!;

describe('messages of a revised plan in waves', () => {
  it('the plan moved: its first wave is later than the first version planned', () => {
    expect(playbook.history![0]!.schedule.enforcementDate < waves[0]!.enforcementDate).toBe(true);
  });

  it("the 'date moved' message gives the new span, each site's new day and the first wave's old day", () => {
    const moved = message('date-moved');
    const previous = playbook.history![0]!.schedule.enforcementDate;
    expect(moved.subject).toBe(
      `New dates: the extra sign-in step now comes in waves from ${formatShortDate(waves[0]!.enforcementDate, locale)} to ${formatShortDate(waves[waves.length - 1]!.enforcementDate, locale)}`,
    );
    expect(moved.text).toContain(`The first wave was planned for ${formatLongDate(previous, locale)}.`);
    expect(moved.text).toContain(`- Leeds: ${formatLongDate(waves[0]!.enforcementDate, locale)}`);
    expect(moved.text).toContain(`- York: ${formatLongDate(waves[1]!.enforcementDate, locale)}`);
    expect(moved.text).toContain(`- Everyone not in a wave above: ${formatLongDate(waves[2]!.enforcementDate, locale)}`);
    expect(moved.html).toContain(`<li>Leeds: ${formatLongDate(waves[0]!.enforcementDate, locale)}</li>`);
  });

  it('the completion message thanks everyone from the last wave on', () => {
    expect(message('completion').text).toContain(`Since ${formatLongDate(waves[waves.length - 1]!.enforcementDate, locale)}, when the last wave started,`);
  });
});
