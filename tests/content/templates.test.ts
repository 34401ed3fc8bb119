import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { templateSources } from '../../src/templates/load.ts';
import { hasTemplate, renderTemplate, templateKeys, templateKind } from '../../src/generators/text/handlebars.ts';
import { COMMUNICATION_PARTS, communicationData } from '../../src/generators/communications.ts';
import { communicationIds } from '../../src/model/content.ts';
import { buildSchedule } from '../../src/generators/schedule.ts';
import { createCalendar } from '../../src/generators/playbook.ts';
import type { GeneratorContext } from '../../src/generators/context.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY, HOSTILE_CONFIG, readConfig } from '../helpers/example.ts';

function contextFor(path: string): GeneratorContext {
  const config = readConfig(path);
  const calendar = createCalendar(config);
  return { config, schedule: buildSchedule(config, calendar), today: EXAMPLE_TODAY, calendar };
}

describe('templates', () => {
  it('has the five parts of every communication and nothing orphaned', () => {
    const expected = communicationIds.flatMap((id) => COMMUNICATION_PARTS.map((part) => `communications/${id}.${part}`));
    for (const key of expected) expect(hasTemplate(key), key).toBe(true);
    expect(templateKeys().sort()).toEqual([...expected].sort());
  });

  it('every template (and partial) compiles in strict mode and renders with the example and the hostile data', () => {
    for (const path of [EXAMPLE_CONFIG, HOSTILE_CONFIG]) {
      const data = communicationData(contextFor(path));
      for (const key of templateKeys()) {
        const out = renderTemplate(key, data);
        expect(out.trim().length, key).toBeGreaterThan(0);
        expect(out, key).not.toMatch(/\{\{(?!x\}\}|hours\}\}|role\}\})/);
      }
    }
    // Partials are compiled through the templates that use them; compile each on its own too.
    for (const [key, source] of templateSources) {
      expect(() => Handlebars.precompile(source, { strict: true, knownHelpersOnly: true, knownHelpers: { t: true } }), key).not.toThrow();
    }
  });

  it('strict mode fails loudly on a missing field instead of printing nothing', () => {
    const data = communicationData(contextFor(EXAMPLE_CONFIG));
    const { helpdesk, ...withoutHelpdesk } = data;
    void helpdesk;
    expect(() => renderTemplate('communications/helpdesk-briefing.text', withoutHelpdesk)).toThrow(/not defined/);
    const { values, ...withoutValues } = data;
    void values;
    expect(() => renderTemplate('communications/announcement.text', withoutValues)).toThrow(/not defined/);
  });

  it('HTML templates never use triple-stash; only .html templates escape', () => {
    for (const [key, source] of templateSources) {
      if (templateKind(key) === 'html') expect(source, key).not.toMatch(/\{\{\{|\{\{&/);
    }
    expect(templateKind('communications/announcement.html')).toBe('html');
    expect(templateKind('partials/help.html')).toBe('html');
    expect(templateKind('communications/announcement.text')).toBe('text');
    expect(templateKind('communications/announcement.subject')).toBe('text');
  });

  it('does not re-evaluate data: a value such as "{{x}}" arrives literally', () => {
    const example = communicationData(contextFor(EXAMPLE_CONFIG));
    const data = { ...example, values: { ...example.values, org: '{{itLead.name}} {{#if x}}y{{/if}}' } };
    const html = renderTemplate('communications/completion.html', data);
    const text = renderTemplate('communications/completion.text', data);
    expect(text).toContain('{{itLead.name}} {{#if x}}y{{/if}}');
    expect(html).toContain('{{itLead.name}} {{#if x}}y{{/if}}');
  });
});
