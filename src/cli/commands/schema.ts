import { defineCommand } from 'citty';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tenantConfigJsonSchemaText } from '../../config/json-schema.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../schema/tenant.config.schema.json', import.meta.url));

export default defineCommand({
  meta: { name: 'schema', description: 'Print the JSON Schema of tenant files (or --write it to schema/)' },
  args: { write: { type: 'boolean', description: 'Write schema/tenant.config.schema.json', default: false } },
  async run({ args }) {
    const text = tenantConfigJsonSchemaText();
    if (args.write) {
      await writeFile(SCHEMA_PATH, text);
      process.stdout.write('wrote schema/tenant.config.schema.json\n');
    } else process.stdout.write(text);
  },
});
