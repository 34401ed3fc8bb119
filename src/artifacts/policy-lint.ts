import type { PolicyFile } from '../model/artifacts.ts';
import type { Playbook } from '../model/playbook.ts';
import { policySchemaIssues } from './ca-policy-schema.ts';
import { DIRECTORY_SYNC_ROLE_ID, groupReference, placeholdersIn } from '../model/policy-placeholders.ts';

// Safety checks on a set of Conditional Access policy files, beyond the shape the schema checks.
// The two that matter most: an enforcing policy must exclude the break-glass group, and the pilot must not
// contain a break-glass account. Either mistake can lock every administrator out of the tenant.

export interface PolicyLintOptions {
  /** The id written for the break-glass group: its object id or its placeholder. */
  breakGlassGroup: string;
  /** User principal names of the break-glass accounts. */
  breakGlassAccounts: string[];
  /** User principal names of the pilot group's members, as listed in the config. */
  pilotMembers: string[];
  /** The id written for the pilot group; identifies the pilot policy. Without it, any policy that includes a group is treated as a pilot. */
  pilotGroup?: string;
}

export type LintCode =
  | 'schema'
  | 'break-glass-not-excluded'
  | 'break-glass-group-included'
  | 'break-glass-account-included'
  | 'pilot-includes-break-glass'
  | 'created-enabled'
  | 'state-mismatch'
  | 'state-dates-out-of-order'
  | 'placeholder-unlisted'
  | 'placeholder-listed-unused'
  | 'sync-role-not-excluded';

export interface LintFinding {
  severity: 'error' | 'warning';
  code: LintCode;
  /** Policy id (CA001…). */
  policy: string;
  message: string;
}

interface UsersCondition {
  includeUsers?: string[];
  excludeUsers?: string[];
  includeGroups?: string[];
  excludeGroups?: string[];
  includeRoles?: string[];
  excludeRoles?: string[];
}

function usersOf(body: Record<string, unknown>): UsersCondition {
  const conditions = body.conditions as { users?: UsersCondition } | undefined;
  return conditions?.users ?? {};
}

function list(value: string[] | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

const lower = (value: string) => value.trim().toLowerCase();

/** Enabled now, or planned to be enabled on a later date: a policy that will enforce or block. */
export function isEnforcing(file: Pick<PolicyFile, 'state' | 'stateChanges' | 'body'>): boolean {
  return file.state === 'enabled' || file.body.state === 'enabled' || file.stateChanges.some((change) => change.state === 'enabled');
}

export function lintPolicies(files: PolicyFile[], options: PolicyLintOptions): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (severity: LintFinding['severity'], code: LintCode, policy: string, message: string) => findings.push({ severity, code, policy, message });
  const breakGlassGroup = lower(options.breakGlassGroup);
  const breakGlassAccounts = new Set(options.breakGlassAccounts.map(lower));
  const pilotBreakGlass = options.pilotMembers.filter((member) => breakGlassAccounts.has(lower(member)));

  for (const file of files) {
    const id = file.id;
    for (const issue of policySchemaIssues(file.body, { allowPlaceholders: true })) add('error', 'schema', id, `Not a valid conditionalAccessPolicy: ${issue}`);

    const users = usersOf(file.body);
    const includeUsers = list(users.includeUsers);
    const includeGroups = list(users.includeGroups);
    const includeRoles = list(users.includeRoles);
    const excludeGroups = list(users.excludeGroups).map(lower);
    const includesSomeone = includeUsers.some((value) => value !== 'None') || includeGroups.length > 0 || includeRoles.length > 0;

    if (isEnforcing(file) && includesSomeone && !excludeGroups.includes(breakGlassGroup)) {
      add(
        'error',
        'break-glass-not-excluded',
        id,
        `"${file.displayName}" will be switched on but does not exclude the break-glass group (${options.breakGlassGroup}). Add it to conditions.users.excludeGroups.`,
      );
    }
    if (includeGroups.map(lower).includes(breakGlassGroup)) {
      add('error', 'break-glass-group-included', id, `"${file.displayName}" includes the break-glass group; it must only ever be excluded.`);
    }
    // includeUsers holds object ids; a UPN or a placeholder naming the account is caught as well.
    const includedAccounts = includeUsers.filter((value) => [...breakGlassAccounts].some((account) => lower(value).includes(account)));
    if (includedAccounts.length > 0) {
      add('error', 'break-glass-account-included', id, `"${file.displayName}" includes the break-glass account ${includedAccounts.join(', ')}.`);
    }

    const isPilot = options.pilotGroup ? includeGroups.map(lower).includes(lower(options.pilotGroup)) : includeGroups.length > 0 && !includeUsers.includes('All');
    if (isPilot && pilotBreakGlass.length > 0) {
      add(
        'error',
        'pilot-includes-break-glass',
        id,
        `The pilot group of "${file.displayName}" lists the break-glass account${pilotBreakGlass.length === 1 ? '' : 's'} ${pilotBreakGlass.join(', ')}. Take ${pilotBreakGlass.length === 1 ? 'it' : 'them'} out of the pilot group.`,
      );
    }
    if (isPilot && options.pilotGroup && lower(options.pilotGroup) === breakGlassGroup) {
      add('error', 'pilot-includes-break-glass', id, 'The pilot group is the break-glass group.');
    }

    if (file.state === 'enabled' || file.body.state === 'enabled') {
      add('error', 'created-enabled', id, `"${file.displayName}" would be created switched on. Create it in report-only and switch it on at the planned date.`);
    }
    if (file.body.state !== file.state) {
      add('error', 'state-mismatch', id, `The file's state (${String(file.body.state)}) differs from the planned creation state (${file.state}).`);
    }
    const dates = file.stateChanges.map((change) => change.date);
    if (dates.some((date, index) => index > 0 && date < dates[index - 1]!)) {
      add('error', 'state-dates-out-of-order', id, `The state changes of "${file.displayName}" are not in date order: ${dates.join(', ')}.`);
    }

    // A policy widened step by step: every later step's body is checked like the file itself (it is applied On).
    for (const step of file.steps ?? []) {
      const where = `${id} (${step.fileName})`;
      for (const issue of policySchemaIssues(step.body, { allowPlaceholders: true })) add('error', 'schema', where, `Not a valid conditionalAccessPolicy: ${issue}`);
      const stepUsers = usersOf(step.body);
      if (!list(stepUsers.excludeGroups).map(lower).includes(breakGlassGroup)) {
        add('error', 'break-glass-not-excluded', where, `The step of "${file.displayName}" on ${step.date} does not exclude the break-glass group (${options.breakGlassGroup}).`);
      }
      if (list(stepUsers.includeGroups).map(lower).includes(breakGlassGroup))
        add('error', 'break-glass-group-included', where, `The step of "${file.displayName}" on ${step.date} includes the break-glass group.`);
    }
    const steps = file.steps ?? [];
    if (steps.some((step, index) => index > 0 && step.date < steps[index - 1]!.date)) {
      add('error', 'state-dates-out-of-order', id, `The steps of "${file.displayName}" are not in date order: ${steps.map((step) => step.date).join(', ')}.`);
    }

    const used = [...new Set([file.body, ...steps.map((step) => step.body)].flatMap((body) => placeholdersIn(body)))];
    const listed = new Set(file.placeholders.map((entry) => entry.token));
    for (const token of used.filter((token) => !listed.has(token))) {
      add('error', 'placeholder-unlisted', id, `The placeholder ${token} is in the file but not in its list of values to replace.`);
    }
    for (const token of [...listed].filter((token) => !used.includes(token))) {
      add('warning', 'placeholder-listed-unused', id, `The placeholder ${token} is listed but not used in the file.`);
    }

    const grant = (file.body.grantControls ?? null) as { builtInControls?: string[] } | null;
    const blocks = list(grant?.builtInControls).includes('block');
    const targetsAllResources = list((file.body.conditions as { applications?: { includeApplications?: string[] } } | undefined)?.applications?.includeApplications).includes(
      'All',
    );
    if (isEnforcing(file) && includeUsers.includes('All') && targetsAllResources && !blocks && !list(users.excludeRoles).includes(DIRECTORY_SYNC_ROLE_ID)) {
      add(
        'warning',
        'sync-role-not-excluded',
        id,
        `"${file.displayName}" requires MFA of all users but does not exclude the Directory Synchronization Accounts role (${DIRECTORY_SYNC_ROLE_ID}); directory synchronisation would stop.`,
      );
    }
  }
  return findings;
}

/** The lint options for a playbook's own policies. */
export function lintOptionsFor(playbook: Playbook): PolicyLintOptions {
  return {
    breakGlassGroup: groupReference(playbook.breakGlass.group),
    breakGlassAccounts: playbook.breakGlass.accounts,
    pilotMembers: playbook.pilotGroup.members,
    pilotGroup: groupReference(playbook.pilotGroup),
  };
}

export function lintErrors(findings: LintFinding[]): LintFinding[] {
  return findings.filter((finding) => finding.severity === 'error');
}

/** Throws with every error when the set fails the lint; returns the warnings otherwise. */
export function assertPoliciesPass(files: PolicyFile[], options: PolicyLintOptions): LintFinding[] {
  const findings = lintPolicies(files, options);
  const errors = lintErrors(findings);
  if (errors.length > 0) {
    throw new Error(`The Conditional Access policies fail the safety lint:\n${errors.map((error) => `- ${error.policy} [${error.code}]: ${error.message}`).join('\n')}`);
  }
  return findings;
}

/** True when every id the files hold is a real object id (no placeholder left): the files are ready to import. */
export function readyToImport(files: PolicyFile[]): boolean {
  return files.every((file) => placeholdersIn(file.body).length === 0);
}
