import type { TenantConfigInput } from './schema.ts';

/** A starter config for `mfa-playbook init`: valid as written, every value meant to be replaced. */
export function starterConfig(options: { schemaPath: string; startDate: string }): TenantConfigInput {
  return {
    $schema: options.schemaPath,
    organisation: {
      name: 'Example Organisation Ltd',
      shortName: 'Example',
      domain: 'example.org',
      tenantDomain: 'exampleorg.onmicrosoft.com',
      userCount: 100,
    },
    licence: 'P1',
    startDate: options.startDate,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    holidays: { country: 'GB', region: 'ENG', extraClosedDays: [] },
    phases: { prepare: 2, register: 14, pilot: 3, enforce: 1, validate: 3 },
    thresholds: { targetRate: 95, reminderBelowRate: 90, reminderDay: 10, contactDay: 12 },
    current: { securityDefaults: true, perUserMfa: false },
    pilotGroup: { name: 'IT Team', members: [] },
    breakGlass: {
      group: { name: 'Access Continuity' },
      accounts: ['svc-emergency-alpha@exampleorg.onmicrosoft.com', 'svc-emergency-bravo@exampleorg.onmicrosoft.com'],
    },
    helpdesk: { phone: '+44 20 7946 0000', email: 'it-help@example.org', hours: 'Monday to Friday, 09:00 to 17:00' },
    people: {
      itLead: { name: 'IT Lead Name', role: 'IT Manager', email: 'it.lead@example.org' },
      approver: { name: 'Approver Name', role: 'Chief Technology Officer', email: 'approver@example.org' },
      sponsor: { name: 'Sponsor Name', role: 'Managing Director', email: 'sponsor@example.org' },
    },
    exceptions: [],
    exemptionRequests: [],
    method: 'authenticator',
  };
}
