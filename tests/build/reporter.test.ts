import { describe, expect, it } from 'vitest';
import { createReporter } from '../../src/build/reporter.ts';

function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream };
}

const clock = () => {
  let now = 0;
  return () => (now += 250);
};

describe('build step reporter', () => {
  it('prints each step with its time, in colour on a terminal', async () => {
    const { lines, stream } = fakeStream(true);
    const reporter = createReporter({ quiet: false, stream, env: {}, now: clock() });
    expect(await reporter.step('model', () => 42)).toBe(42);
    expect(lines).toEqual([`\u001b[32m✓\u001b[0m ${'model'.padEnd(34)} \u001b[2m250 ms\u001b[0m\n`]);
  });

  it('prints no colour when NO_COLOR is set, even on a terminal', async () => {
    const { lines, stream } = fakeStream(true);
    await createReporter({ quiet: false, stream, env: { NO_COLOR: '' }, now: clock() }).step('sites', async () => undefined);
    expect(lines).toEqual([`✓ ${'sites'.padEnd(34)} 250 ms\n`]);
  });

  it('prints no colour when the output is not a terminal', async () => {
    const { lines, stream } = fakeStream(false);
    await createReporter({ quiet: false, stream, env: {}, now: clock() }).step('sites', () => undefined);
    expect(lines[0]).not.toContain('\u001b[');
  });

  it('with --quiet prints no progress, but still warnings and errors', async () => {
    const { lines, stream } = fakeStream(false);
    const reporter = createReporter({ quiet: true, stream, env: {}, now: clock() });
    await reporter.step('model', () => undefined);
    reporter.info('built 1 tenant');
    reporter.warn('warning: startDate: in the past');
    reporter.error('error: licence: expected one of free, P1, P2');
    expect(lines).toEqual(['warning: startDate: in the past\n', 'error: licence: expected one of free, P1, P2\n']);
  });
});
