import { z } from 'zod';
import { tenantConfigSchema } from './schema.ts';

/**
 * The JSON Schema of tenant.config.json, generated from the zod schema so that editors autocomplete and
 * validate with the same rules the tool uses (refinements that JSON Schema cannot express are checked by the tool).
 */
export function tenantConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(tenantConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'https://mfa-playbook.example/schema/tenant.config.schema.json',
    title: 'mfa-playbook tenant configuration',
    description: 'The organisation, dates and people of one MFA rollout. Secrets never belong in this file.',
    ...generated,
  };
}

export function tenantConfigJsonSchemaText(): string {
  return `${JSON.stringify(tenantConfigJsonSchema(), null, 2)}\n`;
}
