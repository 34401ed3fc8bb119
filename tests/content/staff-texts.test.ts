import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Communication } from '../../src/model/content.ts';
import { examplePlaybook, ROOT } from '../helpers/example.ts';
import { buildCommunications } from '../../src/generators/communications.ts';
import { exampleContext } from './context.ts';

const playbook = examplePlaybook();
const byId = (id: Communication['id']) => playbook.communications.find((message) => message.id === id)!;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`);
}

describe('staff texts', () => {
  it('say "thank you" once in the completion email (subject and body together)', () => {
    const completion = byId('completion');
    const count = (text: string) => (text.match(/thank you/gi) ?? []).length;
    expect(count(`${completion.subject}\n${completion.text}`)).toBe(1);
    expect(count(`${completion.subject}\n${completion.html}`)).toBe(1);
    expect(completion.text).toContain('Best wishes,\nPriya Raman');
  });

  it('spell "multifactor" one way in every template, staff page and message', () => {
    const sources = [...filesUnder(`${ROOT}src/templates`), ...filesUnder(`${ROOT}src/content/guidance`)];
    for (const file of sources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/multi-factor/i);
    for (const message of playbook.communications) expect(`${message.text}${message.html}`, message.id).not.toMatch(/multi-factor/i);
    expect(byId('announcement').text).toContain('multifactor authentication, or MFA');
  });

  it('describe the set-up test as typing the shown number, not as approving a notification', () => {
    const announcement = byId('announcement').text;
    expect(announcement).toContain('type the number shown on your screen into the app to finish the test');
    expect(announcement).not.toContain('approve the test it sends you');
  });

  it('tell people who sign in with a text message or call the date it stops, while that date is ahead', () => {
    for (const id of ['announcement', 'reminder'] as const) {
      expect(byId(id).text, id).toContain('Microsoft stops those for signing in on Monday, 1 February 2027');
      expect(byId(id).html, id).toContain('Microsoft stops those for signing in on Monday, 1 February 2027');
    }
    const later = exampleContext((config) => ({ ...config, startDate: '2027-03-01' }));
    const announcement = buildCommunications(later).find((message) => message.id === 'announcement')!;
    expect(announcement.text).not.toContain('Microsoft stops those');
  });

  it('on the staff messages page, do not claim the list holds every message IT sends', () => {
    // The page's words are the staff site texts of each language (src/i18n/locales/<language>/site.json).
    const page = readFileSync(`${ROOT}src/i18n/locales/en-GB/site.json`, 'utf8');
    expect(page).not.toContain('Real messages from IT always match these');
    expect(page).toContain('the helpdesk contacts anyone who has not set up in time, and managers may be asked to help their team');
  });
});
