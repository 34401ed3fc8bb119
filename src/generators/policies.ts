import type { PolicyFile } from '../model/artifacts.ts';
import type { Schedule } from '../model/schedule.ts';
import { CONDITIONAL_ACCESS_POLICY } from '../model/policy-names.ts';
import type { GeneratorContext } from './context.ts';
import { goNoGoGate, pilotStory } from './pilot.ts';
import { includedGroupsAfter, WAVES_POLICY, WAVES_POLICY_ID, widenedWaves } from './waves.ts';
import { AUTH_STRENGTH_MFA_ID, DIRECTORY_SYNC_ROLE_ID, groupPlaceholder, groupReference, placeholdersIn } from '../model/policy-placeholders.ts';

// The Conditional Access policies of the rollout, as Microsoft Graph create bodies with the plan's date for every
// state change. Pure: the config and the schedule are the only inputs.
//
// CA001-CA003 are created in report-only during Prepare; CA004 (a user-action policy, which report-only does not
// evaluate) is created Off. The pilot policy goes on at the pilot start unless security defaults are on (see
// pilot.ts), the all-users policy at the enforcement moment, and the legacy-authentication block and the
// registration protection once validation shows they are safe. Every policy excludes the break-glass group.

type PolicyState = PolicyFile['state'];
type StateChange = PolicyFile['stateChanges'][number];
type Placeholder = PolicyFile['placeholders'][number];

const REPORT_ONLY: PolicyState = 'enabledForReportingButNotEnforced';

function taskDate(schedule: Schedule, id: string, fallback: string): string {
  return schedule.tasks.find((task) => task.id === id)?.date ?? fallback;
}

function fileNameOf(id: string, displayName: string): string {
  const rest = displayName
    .replace(/^CA\d+\s*-\s*/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${id}-${rest}.json`;
}

export function buildPolicies(context: GeneratorContext): PolicyFile[] {
  const { config, schedule } = context;
  const breakGlassGroup = groupReference(config.breakGlass.group);
  const pilotGroup = groupReference(config.pilotGroup);

  const createDate = taskDate(schedule, 'prepare.report-only-policies', schedule.startDate);
  const pilotStart = schedule.milestones['pilot-start'].date;
  const { time: enforcementTime } = schedule.milestones.enforcement;
  // In a plan in waves the all-users policy goes on with the last wave; the waves policy (CA005) carries the others.
  const waves = context.waves;
  const lastWave = waves?.waves[waves.waves.length - 1];
  const enforcementDate = lastWave?.enforcementDate ?? schedule.milestones.enforcement.date;
  const signoffDate = schedule.milestones['validation-signoff'].date;
  const securityDefaultsOn = config.current.securityDefaults;

  const knownPlaceholders = new Map<string, Placeholder>();
  if (!config.breakGlass.group.objectId) {
    const name = config.breakGlass.group.name;
    knownPlaceholders.set(groupPlaceholder(name), {
      token: groupPlaceholder(name),
      meaning: `Object ID of the emergency-access (break-glass) group "${name}". Every policy excludes this group; a wrong value can lock every administrator out.`,
      where: `Entra admin center → Entra ID → Groups → All groups → "${name}" → Overview → Object ID. Better: put it in tenant.config.json as breakGlass.group.objectId and rebuild, so every file carries it.`,
    });
  }
  if (!config.pilotGroup.objectId) {
    const name = config.pilotGroup.name;
    knownPlaceholders.set(groupPlaceholder(name), {
      token: groupPlaceholder(name),
      meaning: `Object ID of the pilot group "${name}", the users who get MFA first.`,
      where: `Entra admin center → Entra ID → Groups → All groups → "${name}" → Overview → Object ID. Better: put it in tenant.config.json as pilotGroup.objectId and rebuild.`,
    });
  }

  const create = (state: PolicyState): StateChange => ({
    date: createDate,
    state,
    note:
      state === 'disabled'
        ? 'Import the file (it is written Off) during Prepare. Report-only does not evaluate user actions such as registering security info, so this policy would show no results in report-only; it stays Off until its date.'
        : 'Import the file (it is written in report-only) during Prepare. Its results appear on the Report-only tab of each sign-in and in the policy\u2019s Policy impact view.',
  });

  // No Conditional Access policy can be switched on while security defaults are on, and turning them off early
  // would leave everyone outside the pilot without MFA for days. So on such a tenant the pilot runs on
  // report-only results, and security defaults go off in the same sitting as the enforcing policies go on.
  const pilot = pilotStory(config);
  const gate = goNoGoGate(config);
  const pilotChange: PolicyFile['stateChanges'][number] = pilot.policyOn
    ? {
        date: pilotStart,
        state: 'enabled',
        note: `Pilot start: switch this policy On (task "Switch the pilot policy on").${pilot.state === 'per-user-mfa' ? ' Turn per-user MFA off for the pilot members in the same sitting.' : ''} ${pilot.signInLogShows}`,
      }
    : {
        date: pilotStart,
        state: REPORT_ONLY,
        note: `Security defaults are on in this tenant and no Conditional Access policy can be switched on while they are, so the pilot runs on this policy's report-only results; switching security defaults off now would leave everyone else without MFA until enforcement. ${pilot.signInLogShows}`,
      };

  const policies: Omit<PolicyFile, 'fileName' | 'placeholders'>[] = [
    {
      id: CONDITIONAL_ACCESS_POLICY.pilot.id,
      displayName: CONDITIONAL_ACCESS_POLICY.pilot.displayName,
      purpose: `Requires the built-in authentication strength "Multifactor authentication" of the pilot group "${config.pilotGroup.name}" for every resource, so IT meets MFA first. The break-glass group is excluded in case one of its accounts is ever added to the pilot group.`,
      state: REPORT_ONLY,
      stateChanges: [
        create(REPORT_ONLY),
        pilotChange,
        {
          date: signoffDate,
          state: 'disabled',
          note: 'After sign-off CA002 covers everyone in the pilot group: switch this policy off (task "Retire the pilot policy"), and delete it a few weeks later.',
        },
      ],
      body: requireMfaBody({ displayName: CONDITIONAL_ACCESS_POLICY.pilot.displayName, state: REPORT_ONLY, includeGroups: [pilotGroup], breakGlassGroup }),
    },
    {
      id: CONDITIONAL_ACCESS_POLICY.allUsers.id,
      displayName: CONDITIONAL_ACCESS_POLICY.allUsers.displayName,
      purpose:
        'The enforcing policy: all users, all resources, authentication strength "Multifactor authentication". It excludes only the break-glass group and the Directory Synchronization Accounts role (the on-premises sync account cannot do MFA). Follows Microsoft\'s template "Require multifactor authentication for all users".',
      state: REPORT_ONLY,
      stateChanges: [
        create(REPORT_ONLY),
        {
          date: enforcementDate,
          state: 'enabled',
          note: lastWave
            ? `${lastWave.label}, the last, at ${enforcementTime}: switch this policy On; it now covers everyone, the earlier waves included. Until then its report-only results decide each wave's go/no-go: go when ${gate.rule}. ${gate.counts}`
            : `Enforcement at ${enforcementTime}: switch this policy On${securityDefaultsOn ? ', in the same sitting as security defaults are turned off and CA003 is switched on' : ''}. Until then its report-only results decide the go/no-go: go when ${gate.rule}. ${gate.counts}`,
        },
      ],
      body: requireMfaBody({
        displayName: CONDITIONAL_ACCESS_POLICY.allUsers.displayName,
        state: REPORT_ONLY,
        includeUsers: ['All'],
        breakGlassGroup,
        excludeRoles: [DIRECTORY_SYNC_ROLE_ID],
      }),
    },
    {
      id: CONDITIONAL_ACCESS_POLICY.blockLegacyAuth.id,
      displayName: CONDITIONAL_ACCESS_POLICY.blockLegacyAuth.displayName,
      purpose:
        'Blocks Exchange ActiveSync and the other legacy protocols (IMAP, POP, SMTP AUTH, MAPI…), which cannot do MFA and so bypass it. Follows Microsoft\'s template "Block legacy authentication"; the break-glass group is excluded.',
      state: REPORT_ONLY,
      stateChanges: [
        create(REPORT_ONLY),
        securityDefaultsOn
          ? {
              date: enforcementDate,
              state: 'enabled',
              note: `Security defaults already block legacy authentication in this tenant. At ${enforcementTime} on enforcement day, switch this policy On in the same sitting as security defaults are turned off, so the block never lapses. Its report-only results show what already fails today.`,
            }
          : {
              date: signoffDate,
              state: 'enabled',
              note: 'Switch On only when validation shows zero legacy-authentication sign-ins (interactive and non-interactive) in the report-only results and the sign-in log. If any remain, fix each one from the legacy-authentication dependency list first and move this date.',
            },
      ],
      body: {
        displayName: CONDITIONAL_ACCESS_POLICY.blockLegacyAuth.displayName,
        state: REPORT_ONLY,
        conditions: {
          clientAppTypes: ['exchangeActiveSync', 'other'],
          applications: { includeApplications: ['All'], excludeApplications: [] },
          users: {
            includeUsers: ['All'],
            excludeUsers: [],
            includeGroups: [],
            excludeGroups: [breakGlassGroup],
            includeRoles: [],
            excludeRoles: [],
          },
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      },
    },
    {
      id: CONDITIONAL_ACCESS_POLICY.securityInfoRegistration.id,
      displayName: CONDITIONAL_ACCESS_POLICY.securityInfoRegistration.displayName,
      purpose:
        'Protects the registration of sign-in methods: outside the locations marked as trusted, registering or changing security info needs MFA first (or a Temporary Access Pass, which the "Multifactor authentication" strength accepts), so a stolen password alone cannot register an attacker\'s phone. Follows Microsoft\'s template "Securing security info registration"; guests (who register in their home organisation) and the break-glass group are excluded. It only helps if the office networks are defined as trusted named locations; without any, every registration needs MFA or a Temporary Access Pass.',
      state: 'disabled',
      stateChanges: [
        create('disabled'),
        {
          date: signoffDate,
          state: 'enabled',
          note: 'Switch On after sign-off (task "Switch the security-info registration policy on"), when registration is complete: turned on during the registration window it would stop staff with no method yet from registering away from the office. From then on, new joiners and people who replace their phone register with a Temporary Access Pass from the helpdesk, or from a trusted location; an attempt without either fails with error 53010.',
        },
      ],
      body: {
        displayName: CONDITIONAL_ACCESS_POLICY.securityInfoRegistration.displayName,
        state: 'disabled',
        conditions: {
          clientAppTypes: ['all'],
          applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] },
          users: {
            includeUsers: ['All'],
            excludeUsers: ['GuestsOrExternalUsers'],
            includeGroups: [],
            excludeGroups: [breakGlassGroup],
            includeRoles: [],
            excludeRoles: [],
          },
          locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
        },
        grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: AUTH_STRENGTH_MFA_ID } },
      },
    },
  ];

  if (waves) {
    for (const group of includedGroupsAfter(waves, waves.waves.length)) {
      if (group.objectId) continue;
      knownPlaceholders.set(groupPlaceholder(group.name), {
        token: groupPlaceholder(group.name),
        meaning: `Object ID of the wave group "${group.name}".`,
        where: `Entra admin center → Entra ID → Groups → All groups → "${group.name}" → Overview → Object ID. Better: put it in tenant.config.json under waves and rebuild.`,
      });
    }
    policies.push(wavesPolicy(context, breakGlassGroup, create, signoffDate));
  }

  return policies.map((policy) => {
    const fileName = fileNameOf(policy.id, policy.displayName);
    const steps = policy.steps?.map((step) => ({ ...step, fileName: fileName.replace(/\.json$/, `.${step.fileName}.json`) }));
    const tokens = [...new Set([policy.body, ...(steps ?? []).map((step) => step.body)].flatMap((body) => placeholdersIn(body)))];
    return {
      ...policy,
      fileName,
      ...(steps ? { steps } : {}),
      placeholders: tokens.map((token) => knownPlaceholders.get(token) ?? { token, meaning: 'Object ID to fill in.', where: 'Entra admin center.' }),
    };
  });
}

/**
 * The body of a policy that requires the built-in authentication strength "Multifactor authentication" for every
 * resource: the pilot (CA001), all users (CA002) and the waves (CA005) differ only in whom they include and which
 * roles they exclude. Every one excludes the break-glass group. Key order is the files' order.
 */
function requireMfaBody(scope: {
  displayName: string;
  state: PolicyState;
  includeUsers?: string[];
  includeGroups?: string[];
  breakGlassGroup: string;
  excludeRoles?: string[];
}): Record<string, unknown> {
  return {
    displayName: scope.displayName,
    state: scope.state,
    conditions: {
      clientAppTypes: ['all'],
      applications: { includeApplications: ['All'], excludeApplications: [] },
      users: {
        includeUsers: scope.includeUsers ?? [],
        excludeUsers: [],
        includeGroups: scope.includeGroups ?? [],
        excludeGroups: [scope.breakGlassGroup],
        includeRoles: [],
        excludeRoles: scope.excludeRoles ?? [],
      },
    },
    grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: AUTH_STRENGTH_MFA_ID } },
  };
}

/**
 * CA005, the policy of a plan in waves: created in report-only with the first wave's group, switched On at the first
 * wave's enforcement, widened at each later wave (the group added to the included groups; a step file holds the
 * whole body), and switched off after sign-off, when the all-users policy (On since the last wave) covers everyone.
 */
function wavesPolicy(
  context: GeneratorContext,
  breakGlassGroup: string,
  create: (state: PolicyState) => StateChange,
  signoffDate: string,
): Omit<PolicyFile, 'fileName' | 'placeholders'> {
  const { config } = context;
  const plan = context.waves!;
  const time = config.enforcementTime;
  const perUser = config.current.perUserMfa;
  const bodyAfter = (waveNumber: number, state: PolicyState): Record<string, unknown> =>
    requireMfaBody({ displayName: WAVES_POLICY, state, includeGroups: includedGroupsAfter(plan, waveNumber).map(groupReference), breakGlassGroup });
  const widened = widenedWaves(plan);
  const [first, ...later] = widened;
  const perUserNote = (group: string | undefined) => (perUser && group ? ` Turn per-user MFA off for the members of "${group}" in the same sitting.` : '');
  const last = plan.waves[plan.waves.length - 1]!;
  return {
    id: WAVES_POLICY_ID,
    displayName: WAVES_POLICY,
    purpose: `Requires the built-in authentication strength "Multifactor authentication" of the wave groups, one wave after another, for every resource: ${widened.map((wave) => wave.group!.name).join(', ')}. The last wave (${last.label}) is switched on by the all-users policy instead. The break-glass group is excluded.`,
    state: REPORT_ONLY,
    stateChanges: [
      create(REPORT_ONLY),
      {
        date: first!.enforcementDate,
        state: 'enabled',
        note: `${first!.label} at ${time}: switch this policy On (included: "${first!.group!.name}").${perUserNote(first!.group!.name)}`,
      },
      ...later.map((wave): StateChange => ({
        date: wave.enforcementDate,
        state: 'enabled',
        note: `${wave.label} at ${time}: add "${wave.group!.name}" to the included groups (the file ending .wave-${wave.number}.json holds the whole policy after this step).${perUserNote(wave.group!.name)}`,
      })),
      {
        date: signoffDate,
        state: 'disabled',
        note: 'After sign-off the all-users policy covers every wave: switch this policy off, and delete it a few weeks later.',
      },
    ],
    body: bodyAfter(first!.number, REPORT_ONLY),
    steps: later.map((wave) => ({
      date: wave.enforcementDate,
      fileName: `wave-${wave.number}`,
      note: `${wave.label}: the included groups become ${includedGroupsAfter(plan, wave.number)
        .map((group) => `"${group.name}"`)
        .join(', ')}.`,
      body: bodyAfter(wave.number, 'enabled'),
    })),
  };
}
