import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tenantConfigJsonSchemaText } from '../../src/config/json-schema.ts';
import { ROOT, EXAMPLE_CONFIG } from '../helpers/example.ts';

describe('the committed JSON Schema', () => {
  it('is the one generated from the zod schema (run "npm run schema" after changing the config schema)', () => {
    expect(readFileSync(`${ROOT}schema/tenant.config.schema.json`, 'utf8')).toBe(tenantConfigJsonSchemaText());
  });

  it('is what the example tenant points its $schema at', () => {
    const example = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
    expect(example.$schema).toBe('./schema/tenant.config.schema.json');
  });

  it('is strict, so editors flag unknown keys as the tool does', () => {
    const schema = JSON.parse(tenantConfigJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.organisation.additionalProperties).toBe(false);
    expect(schema.properties.licence.enum).toEqual(['free', 'P1', 'P2']);
    expect(schema.required).toEqual(expect.arrayContaining(['organisation', 'licence', 'startDate', 'timeZone', 'breakGlass', 'helpdesk', 'people']));
  });
});
