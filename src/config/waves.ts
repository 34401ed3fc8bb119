import { z } from 'zod';
import { objectId, text } from './primitives.ts';
import type { JsonPath } from './source-map.ts';
import { callSpread } from '../model/waves.ts';

// The `waves` area of a tenant file: enforcement in several waves instead of one sitting, for organisations whose
// helpdesk could not take every user's first MFA sign-in on one day. Absent: one wave, the plan as it always was.
//
//   { "mode": "groups", "groups": [{ "name": "MFA-Wave-Leeds", "size": 800, "site": "Leeds" }, …],
//     "helpdeskCallsPerDay": 60, "expectedCallsPerUser": 0.25 }      capacity figures optional: they add the forecast
//   { "mode": "auto", "helpdeskCallsPerDay": 60, "expectedCallsPerUser": 0.25, "groupNamePrefix": "MFA-Wave-" }

export const WAVE_MODES = ['groups', 'auto'] as const;

/** At most this many waves: beyond it the rollout would run for months and the helpdesk figures need a second look. */
export const MAX_WAVES = 40;

export const waveGroupSchema = z.strictObject({
  name: text('the Entra group display name of the wave'),
  objectId: objectId.optional(),
  size: z
    .int({ message: 'expected a whole number of users in the wave' })
    .min(1, { message: 'expected at least 1 user in the wave' })
    .max(1_000_000, { message: 'expected at most 1000000 users in a wave' }),
  site: text('the site the wave covers').optional(),
  department: text('the department the wave covers').optional(),
});

const callsPerDay = z
  .int({ message: 'expected a whole number of calls the helpdesk can take in a working day' })
  .min(1, { message: 'expected at least 1 call a day' })
  .max(100_000, { message: 'expected at most 100000 calls a day' });

const callsPerUser = z
  .number({ message: 'expected the number of helpdesk calls each user switched on is expected to make, such as 0.25' })
  .gt(0, { message: 'expected more than 0 calls per user' })
  .max(5, { message: 'expected at most 5 calls per user' });

export const wavesSchema = z
  .strictObject({
    mode: z.enum(WAVE_MODES, { message: `expected "groups" (waves listed in "groups") or "auto" (waves sized from the helpdesk's capacity)` }),
    /** mode "groups": the waves in order, each an Entra group. */
    groups: z
      .array(waveGroupSchema)
      .min(1, { message: 'expected at least one wave group' })
      .max(MAX_WAVES, { message: `expected at most ${MAX_WAVES} wave groups` })
      .optional(),
    /** Calls a day the helpdesk can take on top of its usual work. Needed by "auto"; with "groups" it adds the forecast. */
    helpdeskCallsPerDay: callsPerDay.optional(),
    /** Helpdesk calls expected per user switched on (all days together). Needed by "auto"; with "groups" it adds the forecast. */
    expectedCallsPerUser: callsPerUser.optional(),
    /** mode "auto": the wave groups to create are named with this prefix and the wave number (default "MFA-Wave-"). */
    groupNamePrefix: z
      .string()
      .max(100, { message: 'expected at most 100 characters' })
      .regex(/^[\p{L}\p{N} ._-]*$/u, { message: 'expected letters, digits, spaces, dots, dashes or underscores' })
      .optional(),
  })
  .superRefine((waves, ctx) => {
    const need = (key: 'helpdeskCallsPerDay' | 'expectedCallsPerUser', why: string) => {
      if (waves[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: why, input: undefined });
    };
    if (waves.mode === 'auto') {
      if (waves.groups !== undefined) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'mode "auto" sizes the waves itself; remove "groups" or use mode "groups"' });
      need('helpdeskCallsPerDay', 'mode "auto" needs the calls a day the helpdesk can take (helpdeskCallsPerDay) to size the waves');
      need('expectedCallsPerUser', 'mode "auto" needs the calls each user is expected to make (expectedCallsPerUser) to size the waves');
      return;
    }
    if (waves.groups === undefined) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'mode "groups" needs the list of wave groups (name and size of each)' });
    if (waves.groupNamePrefix !== undefined)
      ctx.addIssue({ code: 'custom', path: ['groupNamePrefix'], message: 'groupNamePrefix names the groups of mode "auto"; with mode "groups" each group has its own name' });
    if ((waves.helpdeskCallsPerDay === undefined) !== (waves.expectedCallsPerUser === undefined)) {
      const missing = waves.helpdeskCallsPerDay === undefined ? 'helpdeskCallsPerDay' : 'expectedCallsPerUser';
      need(missing, 'the helpdesk forecast needs both helpdeskCallsPerDay and expectedCallsPerUser; give both or neither');
    }
    const seen = new Map<string, number>();
    waves.groups?.forEach((group, index) => {
      const key = group.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['groups', index, 'name'], message: `"${group.name}" is already wave ${seen.get(key)! + 1}; each wave is its own group` });
      else seen.set(key, index);
    });
  });

export type WavesConfig = z.output<typeof wavesSchema>;
export type WaveGroupConfig = z.output<typeof waveGroupSchema>;

/** The fields of a tenant config the wave checks read (kept narrow so this module does not import the whole schema). */
export interface WavesLintInput {
  waves?: WavesConfig | undefined;
  organisation: { userCount: number };
  current: { securityDefaults: boolean };
  pilotGroup: { name: string; members: string[] };
  breakGlass: { group: { name: string } };
}

/** Users the waves switch on: everyone but the pilot members, whom the pilot policy already covers. */
export function usersToSwitchOn(config: Pick<WavesLintInput, 'organisation' | 'pilotGroup'>): number {
  return Math.max(1, config.organisation.userCount - config.pilotGroup.members.length);
}

/**
 * True when the waves come to one (the helpdesk can take everyone's first day at once, or one listed group holds
 * everyone): the plan is then the one-wave plan, unchanged. The wave generator reaches the same answer by placing them.
 */
export function comesToOneWave(config: WavesLintInput): boolean {
  const waves = config.waves;
  if (!waves) return true;
  const total = usersToSwitchOn(config);
  if (waves.mode === 'groups') return (waves.groups ?? []).length === 1 && waves.groups![0]!.size >= total;
  return waves.helpdeskCallsPerDay !== undefined && waves.expectedCallsPerUser !== undefined && waves.expectedCallsPerUser * total * callSpread()[0]! <= waves.helpdeskCallsPerDay;
}

/** Plan-level checks of the waves against the rest of the config (errors stop the build, warnings are printed). */
export function lintWaves(config: WavesLintInput): { severity: 'error' | 'warning'; path: JsonPath; message: string }[] {
  const waves = config.waves;
  if (!waves) return [];
  const findings: { severity: 'error' | 'warning'; path: JsonPath; message: string }[] = [];
  if (config.current.securityDefaults && !comesToOneWave(config)) {
    findings.push({
      severity: 'error',
      path: ['waves'],
      message:
        'waves need security defaults off: no Conditional Access policy can be switched on while they are, and turning them off for the first wave would leave every later wave without MFA. Turn security defaults off before the rollout (current.securityDefaults: false) or remove "waves"',
    });
  }
  const total = usersToSwitchOn(config);
  const listed = (waves.groups ?? []).reduce((sum, group) => sum + group.size, 0);
  if (waves.mode === 'groups' && listed > total) {
    findings.push({
      severity: 'error',
      path: ['waves', 'groups'],
      message: `the wave groups hold ${listed} users, more than the ${total} to switch on (organisation.userCount ${config.organisation.userCount} less ${config.pilotGroup.members.length} pilot members); check each group's size`,
    });
  }
  const reserved = new Map([
    [config.breakGlass.group.name.toLowerCase(), 'the break-glass group, which every policy only ever excludes'],
    [config.pilotGroup.name.toLowerCase(), 'the pilot group, which the pilot policy already covers'],
  ]);
  waves.groups?.forEach((group, index) => {
    const clash = reserved.get(group.name.toLowerCase());
    if (clash) findings.push({ severity: 'error', path: ['waves', 'groups', index, 'name'], message: `"${group.name}" is ${clash}; a wave needs its own group` });
  });
  if (waves.mode === 'auto' && waves.helpdeskCallsPerDay !== undefined && waves.expectedCallsPerUser !== undefined) {
    const firstDay = waves.expectedCallsPerUser * total * callSpread()[0]!;
    if (comesToOneWave(config)) {
      findings.push({
        severity: 'warning',
        path: ['waves', 'helpdeskCallsPerDay'],
        message: `the helpdesk can take the first day's calls of all ${total} users at once (about ${Math.ceil(firstDay)} of ${waves.helpdeskCallsPerDay}): the plan keeps one wave`,
      });
    }
  }
  return findings;
}
