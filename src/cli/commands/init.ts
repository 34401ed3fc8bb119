import { defineCommand } from 'citty';
import { access, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { nextMonday } from 'date-fns/nextMonday';
import { starterConfig } from '../../config/starter.ts';
import { CliError } from '../errors.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/tenant.config.schema.json', import.meta.url));

export default defineCommand({
  meta: { name: 'init', description: 'Write a starter tenant file with $schema, ready to edit' },
  args: {
    out: { type: 'string', description: 'Where to write it', default: 'tenant.config.json' },
    force: { type: 'boolean', description: 'Overwrite an existing file', default: false },
  },
  async run({ args }) {
    const target = resolve(args.out);
    const exists = await access(target).then(
      () => true,
      () => false,
    );
    if (exists && !args.force) throw new CliError(`error: ${args.out} already exists; pass --force to overwrite it`);
    let schemaPath = relative(dirname(target), SCHEMA_FILE).split('\\').join('/');
    if (!schemaPath.startsWith('.')) schemaPath = `./${schemaPath}`;
    // A start two weeks out, on a Monday: time to read the plan and get it signed before day 1.
    const startDate = format(nextMonday(addDays(new Date(), 7)), 'yyyy-MM-dd');
    await writeFile(target, `${JSON.stringify(starterConfig({ schemaPath, startDate }), null, 2)}\n`, { flag: args.force ? 'w' : 'wx' });
    process.stdout.write(`wrote ${args.out}: edit it, then run "mfa-playbook check" and "mfa-playbook build"\n`);
  },
});
