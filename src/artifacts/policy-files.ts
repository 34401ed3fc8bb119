import type { PolicyFile } from '../model/artifacts.ts';
import type { Playbook } from '../model/playbook.ts';
import { assertPoliciesPass, lintOptionsFor } from './policy-lint.ts';
import { PLACEHOLDER_MARKER } from '../model/policy-placeholders.ts';

// The Conditional Access policy files (admin/policies/*.json) and the import guide beside them.
// Refuses to render a set that fails the safety lint.

export interface RenderedFile {
  path: string;
  bytes: Uint8Array;
}

import { POLICY_README, policyPath } from './paths.ts';
export { POLICIES_DIR, POLICY_README } from './paths.ts';
export const GRAPH_POLICIES_URL = 'https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies';

const STATE_LABELS: Record<PolicyFile['state'], string> = {
  disabled: 'Off',
  enabledForReportingButNotEnforced: 'Report-only',
  enabled: 'On',
};

export function stateLabel(state: PolicyFile['state']): string {
  return STATE_LABELS[state];
}

/**
 * Import steps as data, for the admin site to show beside the download links (the README says the same).
 * `{file}` stands for a policy file name.
 */
export const IMPORT_INSTRUCTIONS = {
  placeholders: `Before importing, search every file for "${PLACEHOLDER_MARKER}" and replace each placeholder, brackets included, with the object id it names. Nothing of the form ${PLACEHOLDER_MARKER}…>> may be left: Microsoft Graph rejects such a file. Simpler still: put the object ids in tenant.config.json and rebuild.`,
  powershell: {
    title: 'Microsoft Graph PowerShell (PowerShell 7)',
    steps: [
      'Install-Module Microsoft.Graph.Identity.SignIns -Scope CurrentUser',
      'Connect-MgGraph -Scopes "Policy.ReadWrite.ConditionalAccess","Policy.Read.All"',
      '$body = Get-Content -Raw -Path .\\{file} | ConvertFrom-Json -AsHashtable',
      'New-MgIdentityConditionalAccessPolicy -BodyParameter $body',
      'Get-MgIdentityConditionalAccessPolicy | Select-Object DisplayName, State, Id',
    ],
    note: 'Run the third and fourth lines once per file. The last line lists the policies with their state and id.',
  },
  graphExplorer: {
    title: 'Graph Explorer',
    steps: [
      'Open Graph Explorer and sign in as a Conditional Access Administrator (or a Security or Global Administrator).',
      'Under "Modify permissions", consent to Policy.ReadWrite.ConditionalAccess and Policy.Read.All.',
      `Choose POST and v1.0, and enter ${GRAPH_POLICIES_URL}`,
      'Paste the whole content of one file into "Request body" and select "Run query".',
      'Expect "201 Created"; the response holds the new policy\'s id. Repeat for each file.',
    ],
  },
  switchOn: {
    title: 'Switching a policy on (or off) on its date',
    steps: [
      'Entra admin center → Entra ID → Conditional Access → Policies → the policy → Enable policy: On → Save.',
      'Or: Update-MgIdentityConditionalAccessPolicy -ConditionalAccessPolicyId <id> -State enabled',
      `Or in Graph Explorer: PATCH ${GRAPH_POLICIES_URL}/<id> with the body {"state": "enabled"}`,
    ],
  },
} as const;

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function policyJson(file: PolicyFile): string {
  return `${JSON.stringify(file.body, null, 2)}\n`;
}

function readme(playbook: Playbook): string {
  const policies = playbook.policies;
  const lines: string[] = [];
  const rule = '-'.repeat(72);
  lines.push(`Conditional Access policies: ${playbook.organisation.name}`);
  lines.push(`Plan version ${playbook.meta.planVersion}, built for the plan date ${playbook.meta.asOf}. Dates are in ${playbook.timeZone}.`);
  lines.push('');
  lines.push('Each .json file here is a Microsoft Graph conditionalAccessPolicy body. Import each one once,');
  lines.push('during Prepare. Every file is written in report-only: nothing is enforced until the policy is');
  lines.push('switched on, on the date given below.');
  lines.push('');
  if (policies.some((policy) => (policy.steps ?? []).length > 0)) {
    lines.push('Files ending .wave-<number>.json are not imported: each holds the whole waves policy after');
    lines.push("that wave's step, to update the policy on its date (PATCH the policy with the file, or make");
    lines.push('the same change in the portal).');
    lines.push('');
  }
  lines.push('CONFIDENTIAL: these files name the emergency-access group. Keep them with the admin documents.');
  lines.push('');
  lines.push(rule);
  lines.push('THE POLICIES AND THEIR DATES');
  lines.push(rule);
  for (const policy of policies) {
    lines.push('');
    lines.push(`${policy.displayName}  (${policy.fileName})`);
    lines.push(`  ${policy.purpose}`);
    for (const change of policy.stateChanges) {
      lines.push(`  ${change.date}  ${stateLabel(change.state).padEnd(11)}  ${change.note}`);
    }
    for (const step of policy.steps ?? []) lines.push(`  ${step.date}  Step file   ${step.fileName}: ${step.note}`);
  }
  lines.push('');
  lines.push(rule);
  lines.push('BEFORE YOU IMPORT: REPLACE THE PLACEHOLDERS');
  lines.push(rule);
  const tokens = new Map<string, { meaning: string; where: string; files: string[] }>();
  for (const policy of policies) {
    for (const placeholder of policy.placeholders) {
      const entry = tokens.get(placeholder.token) ?? { meaning: placeholder.meaning, where: placeholder.where, files: [] };
      entry.files.push(policy.fileName);
      tokens.set(placeholder.token, entry);
    }
  }
  if (tokens.size === 0) {
    lines.push('None: every object id came from the config. The files are ready to import.');
  } else {
    lines.push(IMPORT_INSTRUCTIONS.placeholders);
    for (const [token, entry] of tokens) {
      lines.push('');
      lines.push(`  ${token}`);
      lines.push(`    What:    ${entry.meaning}`);
      lines.push(`    Where:   ${entry.where}`);
      lines.push(`    Used in: ${entry.files.join(', ')}`);
    }
  }
  lines.push('');
  lines.push(rule);
  lines.push(`IMPORT WITH ${IMPORT_INSTRUCTIONS.powershell.title.toUpperCase()}`);
  lines.push(rule);
  for (const step of IMPORT_INSTRUCTIONS.powershell.steps) lines.push(`  ${step.replace('{file}', policies[0]?.fileName ?? 'CA001.json')}`);
  lines.push(IMPORT_INSTRUCTIONS.powershell.note);
  lines.push('');
  lines.push(rule);
  lines.push(`IMPORT WITH ${IMPORT_INSTRUCTIONS.graphExplorer.title.toUpperCase()}`);
  lines.push(rule);
  IMPORT_INSTRUCTIONS.graphExplorer.steps.forEach((step, index) => lines.push(`  ${index + 1}. ${step}`));
  lines.push('');
  lines.push(rule);
  lines.push(IMPORT_INSTRUCTIONS.switchOn.title.toUpperCase());
  lines.push(rule);
  for (const step of IMPORT_INSTRUCTIONS.switchOn.steps) lines.push(`  ${step}`);
  lines.push('');
  return lines.join('\n');
}

/** admin/policies/<file>.json for every policy, and admin/policies/README.txt. Throws if the set fails the lint. */
export function renderPolicyFiles(playbook: Playbook): RenderedFile[] {
  assertPoliciesPass(playbook.policies, lintOptionsFor(playbook));
  const files: RenderedFile[] = playbook.policies.flatMap((policy) => [
    { path: policyPath(policy), bytes: encode(policyJson(policy)) },
    // The later steps of a policy widened wave by wave: the whole body after each step.
    ...(policy.steps ?? []).map((step) => ({ path: policyPath(step), bytes: encode(policyJson({ ...policy, body: step.body })) })),
  ]);
  if (playbook.policies.length > 0) files.push({ path: POLICY_README, bytes: encode(readme(playbook)) });
  return files;
}
