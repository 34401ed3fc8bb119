import { describe, expect, it } from 'vitest';
import { conditionalAccessPolicySchema, policySchemaIssues } from '../../src/artifacts/ca-policy-schema.ts';
import { renderPolicyFiles } from '../../src/artifacts/policy-files.ts';
import { lintErrors, lintOptionsFor, lintPolicies } from '../../src/artifacts/policy-lint.ts';
import { AUTH_STRENGTH_MFA_ID, DIRECTORY_SYNC_ROLE_ID, GUID_PATTERN, PLACEHOLDER_PATTERN, placeholdersIn } from '../../src/model/policy-placeholders.ts';
import type { PolicyFile } from '../../src/model/artifacts.ts';
import type { Playbook } from '../../src/model/playbook.ts';
import type { MilestoneId } from '../../src/model/schedule.ts';
import { examplePlaybook, hostilePlaybook } from '../helpers/example.ts';
import { BREAK_GLASS_GROUP_ID, PILOT_GROUP_ID, decode, playbookWith } from './helpers.ts';

const example = examplePlaybook();
const hostile = hostilePlaybook();

const BG_TOKEN = '<<OBJECT-ID-OF-GROUP:NE-Access-Continuity>>';
const PILOT_TOKEN = '<<OBJECT-ID-OF-GROUP:NE-IT-Team>>';

function policy(playbook: Playbook, id: string): PolicyFile {
  const found = playbook.policies.find((entry) => entry.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

function milestone(playbook: Playbook, id: MilestoneId): string {
  return playbook.schedule.milestones[id].date;
}

// Loose view of a body for assertions.
type Body = {
  state: string;
  conditions: {
    users: Record<string, string[]>;
    applications: Record<string, string[]>;
    clientAppTypes: string[];
    locations?: { includeLocations: string[]; excludeLocations: string[] };
  };
  grantControls: { builtInControls: string[]; authenticationStrength?: { id: string } };
};
const body = (file: PolicyFile) => file.body as unknown as Body;

function enabledOn(file: PolicyFile): string | undefined {
  return file.stateChanges.find((change) => change.state === 'enabled')?.date;
}

/** A deep copy of the policies with one edit applied to the body of one of them. */
function edited(files: PolicyFile[], id: string, edit: (body: Body, file: PolicyFile) => void): PolicyFile[] {
  const copy = structuredClone(files);
  const file = copy.find((entry) => entry.id === id)!;
  edit(file.body as unknown as Body, file);
  return copy;
}

describe('Conditional Access policies of the example tenant', () => {
  it('are the four planned policies: CA001 to CA003 created in report-only, CA004 (a user action) created Off', () => {
    expect(example.policies.map((file) => file.displayName)).toEqual([
      'CA001 - Require MFA - Pilot',
      'CA002 - Require MFA - All users',
      'CA003 - Block legacy authentication',
      'CA004 - Securing security info registration',
    ]);
    for (const file of example.policies) {
      // Report-only does not evaluate user actions, so the registration policy would show nothing there.
      const created = file.id === 'CA004' ? 'disabled' : 'enabledForReportingButNotEnforced';
      expect(file.state).toBe(created);
      expect(body(file).state).toBe(created);
      expect(file.fileName).toMatch(/^CA00\d-[a-z0-9-]+\.json$/);
      expect(file.stateChanges[0]).toMatchObject({ state: created, date: example.schedule.tasks.find((task) => task.id === 'prepare.report-only-policies')!.date });
      expect(file.stateChanges.map((change) => change.note).join(' ')).not.toContain('check the report-only results each day');
    }
    expect(policy(example, 'CA004').stateChanges[0]!.note).toContain('Report-only does not evaluate user actions');
  });

  it('pass the Graph schema and the safety lint', () => {
    for (const file of example.policies) expect(policySchemaIssues(file.body, { allowPlaceholders: true })).toEqual([]);
    expect(lintPolicies(example.policies, lintOptionsFor(example))).toEqual([]);
    for (const file of hostile.policies) expect(policySchemaIssues(file.body, { allowPlaceholders: true })).toEqual([]);
    expect(lintErrors(lintPolicies(hostile.policies, lintOptionsFor(hostile)))).toEqual([]);
  });

  it('CA001 requires the MFA authentication strength of the pilot group for all resources, on from the pilot start unless security defaults are on', () => {
    const file = policy(example, 'CA001');
    expect(body(file).conditions.users.includeGroups).toEqual([PILOT_TOKEN]);
    expect(body(file).conditions.users.includeUsers).toEqual([]);
    expect(body(file).conditions.users.excludeGroups).toEqual([BG_TOKEN]);
    expect(body(file).conditions.applications.includeApplications).toEqual(['All']);
    expect(body(file).grantControls.authenticationStrength).toEqual({ id: AUTH_STRENGTH_MFA_ID });
    expect(body(file).grantControls.builtInControls).not.toContain('mfa');
    // The example tenant is on security defaults: no CA policy can be switched on while they are, so the pilot
    // runs on report-only results and security defaults stay on until the enforcement sitting.
    expect(example.current.securityDefaults).toBe(true);
    expect(enabledOn(file)).toBeUndefined();
    expect(file.stateChanges.find((change) => change.date === milestone(example, 'pilot-start'))).toMatchObject({ state: 'enabledForReportingButNotEnforced' });

    const noDefaults = playbookWith((config) => {
      config.current.securityDefaults = false;
    });
    expect(enabledOn(policy(noDefaults, 'CA001'))).toBe(milestone(noDefaults, 'pilot-start'));
  });

  it('CA002 covers all users except the break-glass group and the Directory Synchronization Accounts role, on at enforcement', () => {
    const file = policy(example, 'CA002');
    expect(body(file).conditions.users.includeUsers).toEqual(['All']);
    expect(body(file).conditions.users.excludeGroups).toEqual([BG_TOKEN]);
    expect(body(file).conditions.users.excludeRoles).toEqual([DIRECTORY_SYNC_ROLE_ID]);
    expect(body(file).conditions.users.excludeUsers).toEqual([]);
    expect(body(file).conditions.applications.includeApplications).toEqual(['All']);
    expect(body(file).conditions.clientAppTypes).toEqual(['all']);
    expect(body(file).grantControls.authenticationStrength).toEqual({ id: AUTH_STRENGTH_MFA_ID });
    expect(enabledOn(file)).toBe(example.schedule.enforcementDate);
    expect(file.stateChanges.find((change) => change.state === 'enabled')!.note).toContain(example.schedule.milestones.enforcement.time);
  });

  it('CA003 blocks legacy clients with the break-glass group excluded, on after validation unless security defaults already block them', () => {
    const file = policy(example, 'CA003');
    expect(body(file).conditions.clientAppTypes).toEqual(['exchangeActiveSync', 'other']);
    expect(body(file).grantControls.builtInControls).toEqual(['block']);
    expect(body(file).conditions.users.excludeGroups).toEqual([BG_TOKEN]);
    // The example tenant is on security defaults, which already block legacy authentication: the block takes over
    // in the enforcement sitting, the moment they go off.
    expect(example.current.securityDefaults).toBe(true);
    expect(enabledOn(file)).toBe(example.schedule.enforcementDate);

    const noDefaults = playbookWith((config) => {
      config.current.securityDefaults = false;
    });
    const later = policy(noDefaults, 'CA003');
    expect(enabledOn(later)).toBe(milestone(noDefaults, 'validation-signoff'));
    expect(later.stateChanges.at(-1)!.note).toMatch(/zero legacy-authentication sign-ins/);
  });

  it('CA004 protects security-info registration outside trusted locations and turns on after sign-off', () => {
    const file = policy(example, 'CA004');
    expect(body(file).conditions.applications.includeUserActions).toEqual(['urn:user:registersecurityinfo']);
    expect(body(file).conditions.applications.includeApplications).toEqual([]);
    expect(body(file).conditions.users.includeUsers).toEqual(['All']);
    expect(body(file).conditions.users.excludeUsers).toEqual(['GuestsOrExternalUsers']);
    expect(body(file).conditions.users.excludeGroups).toEqual([BG_TOKEN]);
    expect(body(file).conditions.locations).toEqual({ includeLocations: ['All'], excludeLocations: ['AllTrusted'] });
    expect(body(file).grantControls.authenticationStrength).toEqual({ id: AUTH_STRENGTH_MFA_ID });
    expect(enabledOn(file)).toBe(milestone(example, 'validation-signoff'));
  });

  it('state changes are in date order and the generator is pure', () => {
    for (const file of example.policies) {
      const dates = file.stateChanges.map((change) => change.date);
      expect([...dates].sort()).toEqual(dates);
    }
    expect(examplePlaybook().policies).toEqual(example.policies);
  });
});

describe('placeholders', () => {
  it('stand in for the object ids the config lacks: explicit, listed, and never a GUID', () => {
    const tokens = new Set(example.policies.flatMap((file) => placeholdersIn(file.body)));
    expect([...tokens].sort()).toEqual([BG_TOKEN, PILOT_TOKEN].sort());
    for (const file of example.policies) {
      expect(file.placeholders.map((entry) => entry.token).sort()).toEqual(placeholdersIn(file.body).sort());
      for (const entry of file.placeholders) {
        expect(entry.token).toMatch(PLACEHOLDER_PATTERN);
        expect(entry.token).not.toMatch(GUID_PATTERN);
        expect(entry.meaning.length).toBeGreaterThan(20);
        expect(entry.where).toMatch(/Entra admin center/);
        expect(entry.where).toMatch(/tenant\.config\.json/);
      }
    }
    // The strict Graph schema (no placeholders allowed) refuses the files until they are replaced.
    expect(policySchemaIssues(policy(example, 'CA002').body, { allowPlaceholders: false }).join('\n')).toMatch(/excludeGroups/);
  });

  it('hostile group names give safe tokens', () => {
    for (const file of hostile.policies) {
      for (const entry of file.placeholders) {
        expect(entry.token).toMatch(PLACEHOLDER_PATTERN);
        expect(entry.token.slice(2, -2)).not.toMatch(/[<>"&]/);
      }
    }
    expect(hostile.policies[0]!.placeholders.map((entry) => entry.token)).toContain('<<OBJECT-ID-OF-GROUP:IT _img src_x onerror_alert_1__ _ Ops>>');
  });

  it('disappear when the config holds the object ids, and the files then pass the strict schema', () => {
    const withIds = playbookWith((config) => {
      config.breakGlass.group.objectId = BREAK_GLASS_GROUP_ID;
      config.pilotGroup.objectId = PILOT_GROUP_ID;
    });
    for (const file of withIds.policies) {
      expect(file.placeholders).toEqual([]);
      expect(placeholdersIn(file.body)).toEqual([]);
      expect(policySchemaIssues(file.body, { allowPlaceholders: false })).toEqual([]);
    }
    expect(body(policy(withIds, 'CA001')).conditions.users.includeGroups).toEqual([PILOT_GROUP_ID]);
    expect(body(policy(withIds, 'CA002')).conditions.users.excludeGroups).toEqual([BREAK_GLASS_GROUP_ID]);
    expect(lintPolicies(withIds.policies, lintOptionsFor(withIds))).toEqual([]);
    const readme = decode(renderPolicyFiles(withIds).find((file) => file.path.endsWith('README.txt'))!.bytes);
    expect(readme).toContain('ready to import');
  });
});

describe('the Graph schema', () => {
  const strict = conditionalAccessPolicySchema({ allowPlaceholders: false });
  const valid = () =>
    structuredClone({
      displayName: 'Test',
      state: 'enabledForReportingButNotEnforced',
      conditions: {
        clientAppTypes: ['all'],
        applications: { includeApplications: ['All'] },
        users: { includeUsers: ['All'], excludeGroups: [BREAK_GLASS_GROUP_ID] },
      },
      grantControls: { operator: 'OR', authenticationStrength: { id: AUTH_STRENGTH_MFA_ID } },
    }) as Record<string, any>;

  it('accepts a well-formed body', () => {
    expect(strict.safeParse(valid()).success).toBe(true);
  });

  it.each([
    [
      'a misspelt key',
      (b: Record<string, any>) => {
        b.conditions.users.excludeGroup = b.conditions.users.excludeGroups;
      },
    ],
    [
      'an unknown state',
      (b: Record<string, any>) => {
        b.state = 'reportOnly';
      },
    ],
    [
      'a read-only id',
      (b: Record<string, any>) => {
        b.id = BREAK_GLASS_GROUP_ID;
      },
    ],
    [
      'an unknown client app type',
      (b: Record<string, any>) => {
        b.conditions.clientAppTypes = ['imap'];
      },
    ],
    [
      '"all" with another client app type',
      (b: Record<string, any>) => {
        b.conditions.clientAppTypes = ['all', 'other'];
      },
    ],
    [
      '"All" with an id',
      (b: Record<string, any>) => {
        b.conditions.users.includeUsers = ['All', BREAK_GLASS_GROUP_ID];
      },
    ],
    [
      'mfa together with an authentication strength',
      (b: Record<string, any>) => {
        b.grantControls.builtInControls = ['mfa'];
      },
    ],
    [
      'block with another control',
      (b: Record<string, any>) => {
        b.grantControls.builtInControls = ['block'];
      },
    ],
    [
      'no grant control',
      (b: Record<string, any>) => {
        b.grantControls = { operator: 'OR' };
      },
    ],
    [
      'a group id that is not a GUID',
      (b: Record<string, any>) => {
        b.conditions.users.excludeGroups = ['NE-Access-Continuity'];
      },
    ],
    [
      'no users included',
      (b: Record<string, any>) => {
        b.conditions.users = { excludeGroups: [BREAK_GLASS_GROUP_ID] };
      },
    ],
    [
      'no target resource',
      (b: Record<string, any>) => {
        b.conditions.applications = {};
      },
    ],
    [
      'an unknown user action',
      (b: Record<string, any>) => {
        b.conditions.applications = { includeUserActions: ['urn:user:registerphone'] };
      },
    ],
    [
      'a lower-case operator',
      (b: Record<string, any>) => {
        b.grantControls.operator = 'or';
      },
    ],
  ])('rejects %s', (_label, mutate) => {
    const candidate = valid();
    mutate(candidate);
    expect(strict.safeParse(candidate).success).toBe(false);
  });
});

describe('the safety lint', () => {
  const options = lintOptionsFor(example);

  it('fails a set whose all-users policy lost its break-glass exclusion', () => {
    const broken = edited(example.policies, 'CA002', (b) => {
      b.conditions.users.excludeGroups = [];
    });
    const errors = lintErrors(lintPolicies(broken, options));
    expect(errors).toEqual([expect.objectContaining({ code: 'break-glass-not-excluded', policy: 'CA002' })]);
    expect(() => renderPolicyFiles({ ...example, policies: broken })).toThrow(/break-glass/);
  });

  it.each(['CA001', 'CA003', 'CA004'])('fails %s without the break-glass exclusion, since it will be switched on', (id) => {
    // Without security defaults every one of these policies is switched on at some point of the plan.
    const noDefaults = playbookWith((config) => {
      config.current.securityDefaults = false;
    });
    const broken = edited(noDefaults.policies, id, (b) => {
      b.conditions.users.excludeGroups = b.conditions.users.excludeGroups!.filter((value) => value !== BG_TOKEN);
    });
    expect(lintErrors(lintPolicies(broken, options)).map((finding) => [finding.policy, finding.code])).toEqual([[id, 'break-glass-not-excluded']]);
  });

  it('does not demand the exclusion of a policy that stays in report-only', () => {
    const reportOnly = edited(example.policies, 'CA004', (b, file) => {
      b.conditions.users.excludeGroups = [];
      file.stateChanges = file.stateChanges.filter((change) => change.state !== 'enabled');
    });
    expect(lintErrors(lintPolicies(reportOnly, options))).toEqual([]);
  });

  it('fails a pilot that includes a break-glass account', () => {
    const errors = lintErrors(lintPolicies(example.policies, { ...options, pilotMembers: [...options.pilotMembers, 'SVC-Emergency-Alpha@northgateengineering.onmicrosoft.com'] }));
    expect(errors).toEqual([expect.objectContaining({ code: 'pilot-includes-break-glass', policy: 'CA001' })]);
    expect(errors[0]!.message).toContain('SVC-Emergency-Alpha@northgateengineering.onmicrosoft.com');

    const fromConfig = playbookWith((config) => {
      config.pilotGroup.members.push(config.breakGlass.accounts[1]!);
    });
    expect(() => renderPolicyFiles(fromConfig)).toThrow(/pilot-includes-break-glass/);
  });

  it('fails a policy that includes the break-glass group or account', () => {
    const group = edited(example.policies, 'CA001', (b) => {
      b.conditions.users.includeGroups = [PILOT_TOKEN, BG_TOKEN];
    });
    expect(lintErrors(lintPolicies(group, options)).map((finding) => finding.code)).toContain('break-glass-group-included');
    const account = edited(example.policies, 'CA001', (b) => {
      b.conditions.users.includeUsers = ['<<OBJECT-ID-OF-USER:svc-emergency-bravo@northgateengineering.onmicrosoft.com>>'];
    });
    expect(lintErrors(lintPolicies(account, options)).map((finding) => finding.code)).toContain('break-glass-account-included');
  });

  it('fails a policy that would be created switched on, or a typo the schema catches', () => {
    const enabled = edited(example.policies, 'CA002', (b, file) => {
      b.state = 'enabled';
      file.state = 'enabled';
    });
    expect(lintErrors(lintPolicies(enabled, options)).map((finding) => finding.code)).toEqual(['created-enabled']);
    const typo = edited(example.policies, 'CA003', (b) => {
      (b.grantControls as Record<string, unknown>).builtinControls = ['block'];
    });
    expect(lintErrors(lintPolicies(typo, options)).map((finding) => finding.code)).toEqual(['schema']);
  });

  it('fails a placeholder that is not listed for replacement', () => {
    const unlisted = edited(example.policies, 'CA002', (b) => {
      b.conditions.users.excludeUsers = ['<<OBJECT-ID-OF-USER:someone>>'];
    });
    expect(lintErrors(lintPolicies(unlisted, options)).map((finding) => finding.code)).toEqual(['placeholder-unlisted']);
  });

  it('warns when an all-users MFA policy would catch the directory sync account', () => {
    const findings = lintPolicies(
      edited(example.policies, 'CA002', (b) => {
        b.conditions.users.excludeRoles = [];
      }),
      options,
    );
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'sync-role-not-excluded', policy: 'CA002' })]);
  });
});

describe('the policy files', () => {
  const files = renderPolicyFiles(example);

  it('are one JSON file per policy plus the import guide', () => {
    expect(files.map((file) => file.path)).toEqual([
      'admin/policies/CA001-require-mfa-pilot.json',
      'admin/policies/CA002-require-mfa-all-users.json',
      'admin/policies/CA003-block-legacy-authentication.json',
      'admin/policies/CA004-securing-security-info-registration.json',
      'admin/policies/README.txt',
    ]);
    for (const file of example.policies) {
      const rendered = files.find((entry) => entry.path === `admin/policies/${file.fileName}`)!;
      const parsed = JSON.parse(decode(rendered.bytes));
      expect(parsed).toEqual(file.body);
      expect(conditionalAccessPolicySchema({ allowPlaceholders: true }).safeParse(parsed).success).toBe(true);
    }
  });

  it('come with import instructions, the placeholders to replace and the date of every state change', () => {
    const readme = decode(files.at(-1)!.bytes);
    expect(readme).toContain('New-MgIdentityConditionalAccessPolicy -BodyParameter $body');
    expect(readme).toContain('Connect-MgGraph -Scopes "Policy.ReadWrite.ConditionalAccess"');
    expect(readme).toContain('POST and v1.0, and enter https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies');
    expect(readme).toContain(BG_TOKEN);
    expect(readme).toContain(PILOT_TOKEN);
    expect(readme).toContain('breakGlass.group.objectId');
    for (const file of example.policies) {
      expect(readme).toContain(file.displayName);
      for (const change of file.stateChanges) expect(readme).toContain(change.date);
    }
  });

  it('are byte-identical from one build to the next', () => {
    const again = renderPolicyFiles(examplePlaybook());
    expect(again.map((file) => decode(file.bytes))).toEqual(files.map((file) => decode(file.bytes)));
  });
});
