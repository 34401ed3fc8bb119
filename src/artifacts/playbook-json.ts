import type { Playbook } from '../model/playbook.ts';

/** The whole model as JSON for outside tools and checks (admin only: it holds the confidential sections). */
export function renderPlaybookJson(playbook: Playbook): string {
  return `${JSON.stringify(playbook, null, 2)}\n`;
}
