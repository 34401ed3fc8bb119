import { describe, expect, it } from 'vitest';
import { examplePlaybook, playbookFor, ROOT } from '../helpers/example.ts';
import { readingCounts, readingEase } from './helpers/readability.ts';

// Staff-facing texts must read easily: Flesch reading ease of at least 60 (plain English) for every
// message that goes to everyone, measured on the plain-text body with the maintained `flesch` and
// `syllable` packages. Checked for both methods, since the set-up steps differ.

const playbooks = {
  'example (Authenticator)': examplePlaybook(),
  'hostile (passkey)': playbookFor(`${ROOT}tests/fixtures/configs/hostile.config.json`),
};

describe('readability of staff messages', () => {
  for (const [name, playbook] of Object.entries(playbooks)) {
    for (const message of playbook.communications.filter((entry) => entry.staffVisible)) {
      it(`${name}: ${message.id} reads at Flesch ≥ 60`, () => {
        const counts = readingCounts(message.text);
        expect(counts.word).toBeGreaterThan(50);
        expect(readingEase(message.text)).toBeGreaterThanOrEqual(60);
        // The short channels too: a Teams post is read in a glance.
        expect(readingEase(message.teams)).toBeGreaterThanOrEqual(60);
      });
    }
  }

  it('the measure is not trivially high: a dense admin sentence scores low', () => {
    const dense =
      'Administrators must configure authentication strength requirements within Conditional Access policies, ensuring comprehensive organisational coverage, appropriate exclusions and continuous evaluation of authentication telemetry.';
    expect(readingEase(dense)).toBeLessThan(30);
  });
});
