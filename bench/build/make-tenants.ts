import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Variations of the example tenant for multi-tenant runs: distinct names, countries, start dates and sizes,
// so that the build does real work per tenant rather than rendering one tenant N times from a cache.
const COUNTRIES = [
  { country: 'GB', region: 'ENG', timeZone: 'Europe/London', locale: 'en-GB' },
  { country: 'US', region: undefined, timeZone: 'America/New_York', locale: 'en-US' },
  { country: 'DE', region: 'BY', timeZone: 'Europe/Berlin', locale: 'en-GB' },
  { country: 'IE', region: undefined, timeZone: 'Europe/Dublin', locale: 'en-IE' },
  { country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney', locale: 'en-AU' },
];
const NAMES = ['Aldgate', 'Brent', 'Calder', 'Dunmore', 'Eskdale', 'Fenwick', 'Garth', 'Holloway', 'Irwell', 'Jarrow'];
const KINDS = ['Engineering', 'Logistics', 'Surveyors', 'Foods', 'Legal', 'Clinics', 'Studios', 'Builders', 'Trading', 'Labs'];

export async function makeTenantFiles(exampleFile: string, dir: string, count: number): Promise<string[]> {
  const example = JSON.parse(await readFile(exampleFile, 'utf8')) as Record<string, any>;
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const place = COUNTRIES[index % COUNTRIES.length]!;
    const name = `${NAMES[index % NAMES.length]} ${KINDS[Math.floor(index / NAMES.length) % KINDS.length]} ${index + 1} Ltd`;
    const key = `t${index + 1}`;
    const start = new Date(Date.UTC(2027, 0, 4 + 7 * (index % 20)));
    const tenant = structuredClone(example);
    delete tenant.$schema;
    tenant.organisation = {
      ...tenant.organisation,
      name,
      shortName: `T${index + 1}`,
      domain: `${key}.example`,
      tenantDomain: `${key}tenant.onmicrosoft.com`,
      userCount: 50 + ((index * 137) % 4950),
    };
    tenant.startDate = start.toISOString().slice(0, 10);
    tenant.timeZone = place.timeZone;
    tenant.locale = place.locale;
    tenant.holidays = { country: place.country, ...(place.region ? { region: place.region } : {}), extraClosedDays: [] };
    tenant.breakGlass.accounts = [`svc-emergency-alpha@${key}tenant.onmicrosoft.com`, `svc-emergency-bravo@${key}tenant.onmicrosoft.com`];
    tenant.exemptionRequests = tenant.exemptionRequests.map((request: Record<string, unknown>) => ({ ...request, date: tenant.startDate }));
    const file = join(dir, `${key}.json`);
    await writeFile(file, `${JSON.stringify(tenant, null, 2)}\n`);
    files.push(file);
  }
  return files;
}
