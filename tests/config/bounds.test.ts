import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/build/pipeline.ts';
import { formatProblem } from '../../src/config/friendly-errors.ts';
import { parseConfig, readConfigText } from '../../src/config/load.ts';
import { EXAMPLE_CONFIG, EXAMPLE_TODAY } from '../helpers/example.ts';
import { removeScratch, scratchFolder } from '../helpers/scratch.ts';

// Values that used to pass `check` and then broke `build` (or worse, built something wrong): each is refused by the
// config's own rules, with a message naming the field and its line.
type Json = Record<string, any>;
const exampleText = readFileSync(EXAMPLE_CONFIG, 'utf8');
const example = (): Json => JSON.parse(exampleText);

function problemsOf(text: string): string {
  try {
    parseConfig(text, 'tenant.config.json', { today: EXAMPLE_TODAY });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const refused = (change: (config: Json) => void): string => {
  const config = example();
  change(config);
  return problemsOf(JSON.stringify(config, null, 2));
};

describe('dates stay within the years 2000 to 2100', () => {
  it('refuses a start date before year 100 (JavaScript would read it as 19xx)', () => {
    expect(
      refused((c) => {
        c.startDate = '0099-01-04';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:11:16 startDate: expected a date in the years 2000 to 2100, found "0099-01-04""`);
  });
  it('refuses 9999-12-31 (beyond what date arithmetic handles)', () => {
    expect(
      refused((c) => {
        c.startDate = '9999-12-31';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:11:16 startDate: expected a date in the years 2000 to 2100, found "9999-12-31""`);
  });
  it('applies to every date, such as a closed day', () => {
    expect(
      refused((c) => {
        c.holidays.extraClosedDays = ['2101-01-01'];
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:18:7 holidays.extraClosedDays[0]: expected a date in the years 2000 to 2100, found "2101-01-01""`);
  });
});

describe('the plan finds its working days within a bound', () => {
  let scratch = '';
  const everyDayClosed = (): string[] => {
    const days: string[] = [];
    for (let day = new Date('2027-01-11T12:00:00Z'); days.length < 400; day = new Date(day.getTime() + 86_400_000)) days.push(day.toISOString().slice(0, 10));
    return days;
  };
  beforeAll(async () => {
    scratch = await scratchFolder('plan-bound');
    await mkdir(join(scratch, 'tenants'));
    const closed = example();
    closed.organisation.name = 'Always Closed Ltd';
    closed.holidays.extraClosedDays = everyDayClosed();
    await writeFile(join(scratch, 'tenants', 'a-closed.json'), JSON.stringify(closed, null, 2));
  });
  afterAll(async () => {
    if (scratch) await removeScratch(scratch);
  });

  it('a year with every day closed is a clear error of that tenant', async () => {
    const result = await loadPlaybook({ configPath: join(scratch, 'tenants', 'a-closed.json'), today: EXAMPLE_TODAY, now: new Date(), generatorVersion: 'test' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem).join('\n').split(scratch).join('<scratch>')).toMatchInlineSnapshot(
      `"error: <scratch>/tenants/a-closed.json (plan): the plan cannot be dated: no working day within a year of 2027-01-11; check holidays.extraClosedDays"`,
    );
  });
});

describe('length limits on text', () => {
  it('refuses a 10 MB organisation name by its length, quickly and without echoing it', () => {
    const message = refused((c) => {
      c.organisation.name = 'N'.repeat(10_000_000);
    });
    expect(message).toMatchInlineSnapshot(
      `"error: tenant.config.json:4:13 organisation.name: expected at most 200 characters, found "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN…""`,
    );
  });
  it('limits names, reasons and plans', () => {
    expect(
      refused((c) => {
        c.people.approver.name = 'x'.repeat(201);
      }),
    ).toMatch(/^error: tenant\.config\.json:\d+:\d+ people\.approver\.name: expected at most 200 characters/);
    expect(
      refused((c) => {
        c.exemptionRequests[0].reason = 'x'.repeat(2001);
      }),
    ).toMatch(/^error: tenant\.config\.json:\d+:\d+ exemptionRequests\[0\]\.reason: expected at most 2000 characters/);
    expect(
      refused((c) => {
        c.exceptions[0].plan = 'x'.repeat(2001);
      }),
    ).toMatch(/^error: tenant\.config\.json:\d+:\d+ exceptions\[0\]\.plan: expected at most 2000 characters/);
    expect(
      refused((c) => {
        c.helpdesk.email = `${'x'.repeat(250)}@example.org`;
      }),
    ).toMatch(/^error: tenant\.config\.json:\d+:\d+ helpdesk\.email: expected at most 254 characters/);
  });
});

describe('ids that become file names', () => {
  it('refuses an exemption id that would overwrite the blank decision template', () => {
    expect(
      refused((c) => {
        c.exemptionRequests[0].id = 'template';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:110:13 exemptionRequests[0].id: this id names a file of the tool's own (template); choose another, found "template""`);
  });
  it('refuses Windows device names (con, nul, com1, lpt9)', () => {
    expect(
      refused((c) => {
        c.exemptionRequests[0].id = 'con';
      }),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:110:13 exemptionRequests[0].id: this id cannot be a file name on Windows (a reserved device name); choose another, found "con""`,
    );
    for (const id of ['nul', 'com1', 'lpt9', 'aux', 'prn'])
      expect(
        refused((c) => {
          c.exemptionRequests[0].id = id;
        }),
      ).toContain('reserved device name');
  });
  it('still accepts an id that merely starts like one (console-access)', () => {
    const config = example();
    config.exemptionRequests[0].id = 'console-access';
    expect(parseConfig(JSON.stringify(config), 'tenant.config.json', { today: EXAMPLE_TODAY }).config.exemptionRequests[0]!.id).toBe('console-access');
  });
});

describe('web addresses', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,<b>hi</b>', 'file:///etc/passwd', 'http://intranet.example/help']) {
    it(`refuses ${url.split(':')[0]}: as the helpdesk address`, () => {
      expect(
        refused((c) => {
          c.helpdesk.url = url;
        }),
      ).toBe(`error: tenant.config.json:59:12 helpdesk.url: expected a web address starting with https:// such as https://intranet.example/it-help, found "${url}"`);
    });
  }
  it('accepts https:', () => {
    const config = example();
    config.helpdesk.url = 'https://intranet.example/it-help';
    expect(parseConfig(JSON.stringify(config), 'tenant.config.json', { today: EXAMPLE_TODAY }).config.helpdesk.url).toBe('https://intranet.example/it-help');
  });
});

describe('holiday country and region', () => {
  it('refuses "UK" and suggests GB', () => {
    expect(
      refused((c) => {
        c.holidays.country = 'UK';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:15:16 holidays.country: found "UK", which is not a country code; did you mean "GB" (United Kingdom)?"`);
  });
  it('refuses an unknown code', () => {
    expect(
      refused((c) => {
        c.holidays.country = 'XX';
      }),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:15:16 holidays.country: found "XX", which is not a country code with public-holiday data; expected a two-letter ISO code such as GB, IE or US"`,
    );
  });
  it("refuses a region of another country, listing the country's regions", () => {
    expect(
      refused((c) => {
        c.holidays.region = 'CA';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:16:15 holidays.region: found "CA", which is not a region of United Kingdom (GB); regions of GB: ALD, ENG, NIR, SCT, WLS"`);
  });
  it('suggests the region code written in the right case', () => {
    expect(
      refused((c) => {
        c.holidays.region = 'sct';
      }),
    ).toMatchInlineSnapshot(`"error: tenant.config.json:16:15 holidays.region: found "sct", which is not a region of United Kingdom (GB); did you mean "SCT" (Scotland)?"`);
  });
});

describe('characters that do not belong in a value', () => {
  it('refuses an ANSI escape and never prints it raw', () => {
    const message = refused((c) => {
      c.organisation.name = 'Evil \u001b[31mRed';
    });
    expect(message).toMatchInlineSnapshot(
      `"error: tenant.config.json:4:13 organisation.name: contains the invisible control character U+001B; remove it (retype the value if unsure where it is)"`,
    );
    expect(message).not.toContain('\u001b');
  });
  it('refuses a bidi override', () => {
    expect(
      refused((c) => {
        c.people.itLead.name = 'Ann \u202eeoD';
      }),
    ).toMatchInlineSnapshot(
      `"error: tenant.config.json:62:15 people.itLead.name: contains the invisible control character U+202E; remove it (retype the value if unsure where it is)"`,
    );
  });
  it('names an unsafe character in an unknown key instead of printing it', () => {
    const message = refused((c) => {
      c.organisation['na\u001b[2Jme'] = 'x';
    });
    expect(message).not.toContain('\u001b');
    expect(message).toContain('the key contains the invisible control character U+001B');
  });
});

describe('the shape of the file', () => {
  it('reports a key given twice with both lines', () => {
    expect(problemsOf(exampleText.replace('"licence": "P1",', '"licence": "P1",\n  "licence": "P2",'))).toMatchInlineSnapshot(
      `"error: tenant.config.json:11:3 licence: duplicate key "licence": also given on line 10; JSON would keep only this last value, so remove one of them"`,
    );
  });
  it('refuses deep nesting with the line, not a stack overflow', () => {
    const deep = exampleText.replace('"extraClosedDays": []', `"extraClosedDays": ${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(problemsOf(deep)).toMatchInlineSnapshot(`"error: tenant.config.json:17:42 (syntax): nested more than 20 levels deep; a tenant file needs five at most"`);
  });

  describe('encodings', () => {
    let scratch = '';
    beforeAll(async () => {
      scratch = await scratchFolder('encodings');
    });
    afterAll(async () => {
      if (scratch) await removeScratch(scratch);
    });
    const readAs = async (name: string, bytes: Buffer): Promise<string> => {
      await writeFile(join(scratch, name), bytes);
      return readConfigText(join(scratch, name)).then(
        () => 'accepted',
        (error: Error) => error.message.split(scratch).join('<scratch>'),
      );
    };
    it('names UTF-16 with a byte-order mark', async () => {
      expect(await readAs('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(exampleText, 'utf16le')]))).toMatchInlineSnapshot(
        `"error: <scratch>/utf16.json (file): the file is saved as UTF-16 (little-endian); save the file as UTF-8 (in most editors: "Save with encoding" or "Encoding: UTF-8")"`,
      );
    });
    it('names UTF-16 without a byte-order mark', async () => {
      expect(await readAs('utf16-plain.json', Buffer.from(exampleText, 'utf16le'))).toContain('the file looks like UTF-16 or UTF-32');
    });
    it('names a legacy 8-bit file with the line of the first bad byte', async () => {
      expect(await readAs('latin1.json', Buffer.from(exampleText.replace('Northgate', 'Nörthgate'), 'latin1'))).toMatchInlineSnapshot(
        `"error: <scratch>/latin1.json:4:15 (file): the file is not valid UTF-8 (it may be saved as Windows-1252 or Latin-1); save the file as UTF-8 (in most editors: "Save with encoding" or "Encoding: UTF-8")"`,
      );
    });
    it('accepts UTF-8 with a byte-order mark', async () => {
      expect(await readAs('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(exampleText)]))).toBe('accepted');
    });
  });
});
