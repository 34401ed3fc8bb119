import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';

type Json = Record<string, any>;
const example = (): Json => JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
const text = (config: Json) => `${JSON.stringify(config, null, 2)}\n`;
const problems = (source: string) => {
  try {
    parseConfig(source, 'tenant.config.json', { today: EXAMPLE_TODAY });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
};
const mutated = (change: (config: Json) => void) => {
  const config = example();
  change(config);
  return text(config);
};

describe('invalid tenant configs give one path-named line per problem', () => {
  it('reports a JSON syntax error with its line', () => {
    expect(problems('{\n  "organisation": {\n    "name": "X",\n  }\n}\n')).toMatchInlineSnapshot(`
      "error: tenant.config.json:4:3 (syntax): JSON syntax error: expected a property name in double quotes
      error: tenant.config.json:4:3 (syntax): JSON syntax error: expected a value"
    `);
  });

  it('refuses a document that is not an object', () => {
    expect(problems('[1, 2]')).toMatchInlineSnapshot(`"error: tenant.config.json:1:1 (root): expected a JSON object with the tenant settings"`);
  });

  it('suggests the known key for a misspelt top-level key', () => {
    expect(
      problems(
        mutated((c) => {
          c.startdate = c.startDate;
          delete c.startDate;
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:120:3 startdate: unknown key "startdate"; did you mean "startDate"?"`);
  });

  it('suggests the known key for a misspelt nested key', () => {
    expect(
      problems(
        mutated((c) => {
          c.organisation.tenantDomian = c.organisation.tenantDomain;
          delete c.organisation.tenantDomain;
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:8:5 organisation.tenantDomian: unknown key "tenantDomian"; did you mean "tenantDomain"?"`);
  });

  it('refuses a password anywhere in the file', () => {
    expect(
      problems(
        mutated((c) => {
          c.breakGlass.password = 'hunter2';
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:54:5 breakGlass.password: "password" looks like a secret. Passwords, keys and tokens never belong in this file: remove the key (break-glass credentials stay offline, on paper, in two places)"`,
    );
  });

  it('refuses a token-like key even inside a list', () => {
    expect(
      problems(
        mutated((c) => {
          c.exceptions[0].apiToken = 'abc';
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:84:7 exceptions[0].apiToken: "apiToken" looks like a secret. Passwords, keys and tokens never belong in this file: remove the key (break-glass credentials stay offline, on paper, in two places)"`,
    );
  });

  it('names a missing required key', () => {
    expect(
      problems(
        mutated((c) => {
          delete c.organisation.name;
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:3:19 organisation.name: missing: expected text"`);
  });

  it('names a value of the wrong type and what was found', () => {
    expect(
      problems(
        mutated((c) => {
          c.organisation.userCount = 'lots';
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:8:18 organisation.userCount: expected a whole number of users, found "lots""`);
  });

  it('lists the allowed licences', () => {
    expect(
      problems(
        mutated((c) => {
          c.licence = 'E5';
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:10:14 licence: expected one of free, P1, P2, found "E5""`);
  });

  it('refuses a date that does not exist', () => {
    expect(
      problems(
        mutated((c) => {
          c.startDate = '2027-02-30';
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:11:16 startDate: expected a real calendar date, found "2027-02-30""`);
  });

  it('refuses an unknown time zone', () => {
    expect(
      problems(
        mutated((c) => {
          c.timeZone = 'Mars/Olympus_Mons';
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:13:15 timeZone: expected an IANA time zone such as Europe/London, found "Mars/Olympus_Mons""`);
  });

  it('refuses a tenant domain that is not onmicrosoft.com', () => {
    expect(
      problems(
        mutated((c) => {
          c.organisation.tenantDomain = 'northgate-engineering.example';
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:7:21 organisation.tenantDomain: expected the tenant domain ending in .onmicrosoft.com, found "northgate-engineering.example""`,
    );
  });

  it('refuses a break-glass account on a federated domain', () => {
    expect(
      problems(
        mutated((c) => {
          c.breakGlass.accounts[1] = 'emergency@northgate-engineering.example';
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:52:7 breakGlass.accounts[1]: emergency@northgate-engineering.example is not on the northgateengineering.onmicrosoft.com domain: break-glass accounts must be cloud-only, on the onmicrosoft.com domain, so that a federation or on-premises outage cannot lock them out"`,
    );
  });

  it('refuses a break-glass account that is in the pilot group', () => {
    expect(
      problems(
        mutated((c) => {
          c.pilotGroup.members.push(c.breakGlass.accounts[0].toUpperCase());
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:52:7 breakGlass.accounts[0]: svc-emergency-alpha@northgateengineering.onmicrosoft.com is also a member of the pilot group "NE-IT-Team": the pilot policy would require MFA of the emergency account, the lock-out the break-glass accounts exist to prevent. Remove it from pilotGroup.members"`,
    );
  });

  it('refuses fewer than two break-glass accounts', () => {
    expect(
      problems(
        mutated((c) => {
          c.breakGlass.accounts = [c.breakGlass.accounts[0]];
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:50:17 breakGlass.accounts: found 1 break-glass account; at least two are needed so that one lost key or one failed sign-in does not leave the organisation without emergency access"`,
    );
  });

  it('refuses a reminder threshold above the target', () => {
    expect(
      problems(
        mutated((c) => {
          c.thresholds.reminderBelowRate = 97;
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:28:26 thresholds.reminderBelowRate: the reminder threshold (97%) is above the target rate (95%); expected reminderBelowRate ≤ targetRate"`,
    );
  });

  it('refuses individual contact before the reminder check and outside the register phase', () => {
    expect(
      problems(
        mutated((c) => {
          c.thresholds.contactDay = 2;
        }),
      ),
    ).toMatchInlineSnapshot(`
      "error: tenant.config.json:30:19 thresholds.contactDay: day 2 is outside the register phase (days 3–16)
      error: tenant.config.json:30:19 thresholds.contactDay: individual contact (day 2) must come after the reminder check (day 10)"
    `);
  });

  it('refuses an unknown exception kind', () => {
    expect(
      problems(
        mutated((c) => {
          c.exceptions[0].kind = 'printer';
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:80:15 exceptions[0].kind: expected one of shared-mailbox, room, service-account, no-smartphone, found "printer""`);
  });

  it('refuses two exemption requests with one id', () => {
    expect(
      problems(
        mutated((c) => {
          c.exemptionRequests.push({ ...c.exemptionRequests[0] });
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:118:13 exemptionRequests[1].id: duplicate id "cfo-prompts""`);
  });

  it('refuses a malformed helpdesk email and phone together', () => {
    expect(
      problems(
        mutated((c) => {
          c.helpdesk.email = 'ithelp at northgate';
          c.helpdesk.phone = 'call us';
        }),
      ),
    ).toMatchInlineSnapshot(`
      "error: tenant.config.json:56:14 helpdesk.phone: expected a phone number such as +44 20 7946 0000, found "call us"
      error: tenant.config.json:57:14 helpdesk.email: expected an email address such as name@example.org, found "ithelp at northgate""
    `);
  });

  it('refuses an overridden exemption that runs past 90 days', () => {
    expect(
      problems(
        mutated((c) => {
          c.exemptionRequests[0].override = {
            decidedBy: { name: 'Margaret Osei', role: 'Managing Director' },
            decidedOn: '2027-02-09',
            riskOwner: 'Margaret Osei',
            compensatingControls: ['Sign-in limited to the office network'],
            expiry: '2027-12-31',
          };
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:126:19 exemptionRequests[0].override.expiry: an overridden exemption must expire within 90 days of the decision (2027-02-09 → at the latest 2027-05-10), found 2027-12-31"`,
    );
  });

  it('refuses a negative phase length', () => {
    expect(
      problems(
        mutated((c) => {
          c.phases.register = -3;
        }),
      ),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:21:17 phases.register: expected at least 1 working day for register, found -3"`);
  });
});

describe('plan lints that warn without refusing the config', () => {
  const warnings = (change: (config: Json) => void) =>
    parseConfig(mutated(change), 'tenant.config.json', { today: EXAMPLE_TODAY }).warnings.map((warning) => `${warning.path}: ${warning.message}`);

  it('warns about a registration window under 7 working days', () => {
    expect(
      warnings((c) => {
        c.phases.register = 5;
        c.thresholds.reminderDay = 4;
        c.thresholds.contactDay = 6;
      }),
    ).toEqual(['phases.register: a registration window of 5 working days is short; people on leave will meet enforcement unregistered. 7 or more is advised (default 14)']);
  });

  it('refuses an exception without an expiry or an owner, naming the field, file and line', () => {
    expect(
      problems(
        mutated((c) => {
          delete c.exceptions[1].expiry;
          delete c.exceptions[2].owner;
        }),
      ),
    ).toMatchInlineSnapshot(`
      "error: tenant.config.json:85:5 exceptions[1].expiry: an exception needs an expiry: the date (YYYY-MM-DD) it lapses unless its owner renews it
      error: tenant.config.json:91:5 exceptions[2].owner: an exception needs an owner: the person who renews it, replaces it with a fix or ends it"
    `);
  });

  it('refuses an exception reviewed after it lapses', () => {
    expect(
      problems(
        mutated((c) => {
          c.exceptions[2].reviewDate = '2027-04-01';
        }),
      ),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:97:21 exceptions[2].reviewDate: the review date 2027-04-01 is after the expiry 2027-03-31; review the exception before it lapses"`,
    );
  });

  it('warns about a break-glass account listed again as an exception', () => {
    expect(
      warnings((c) => {
        c.exceptions.push({ account: c.breakGlass.accounts[0], kind: 'service-account', plan: 'Excluded', owner: 'Priya Raman', expiry: '2027-12-31' });
      }),
    ).toEqual([
      'exceptions[4].account: svc-emergency-alpha@northgateengineering.onmicrosoft.com is a break-glass account; it is already excluded through NE-Access-Continuity and needs no separate exception',
    ]);
  });

  it('has no warning for the example tenant', () => {
    expect(warnings(() => undefined)).toEqual([]);
  });
});
