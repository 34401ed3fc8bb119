import type { Playbook } from '../model/playbook.ts';

// Where each artifact goes, known without rendering (the build links them from the sites while workers render).

export const POLICIES_DIR = 'admin/policies';
export const POLICY_README = `${POLICIES_DIR}/README.txt`;
export const EMAILS_DIR = 'admin/emails';
export const ADMIN_CALENDAR = 'admin/calendar.ics';
export const STAFF_CALENDAR = 'staff/calendar.ics';

export function policyPath(policy: { fileName: string }): string {
  return `${POLICIES_DIR}/${policy.fileName}`;
}

export function emailPath(message: { id: string }): string {
  return `${EMAILS_DIR}/${message.id}.eml`;
}

/** The paths renderArtifacts returns for this playbook. */
export function artifactPaths(playbook: Pick<Playbook, 'policies' | 'communications'>): string[] {
  return [
    ...playbook.policies.map(policyPath),
    ...(playbook.policies.length > 0 ? [POLICY_README] : []),
    ADMIN_CALENDAR,
    STAFF_CALENDAR,
    ...playbook.communications.map(emailPath),
  ];
}
