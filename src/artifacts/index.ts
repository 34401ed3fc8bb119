import type { Playbook } from '../model/playbook.ts';
import { staffView } from '../model/views.ts';
import { renderEmailDrafts } from './eml.ts';
import { renderCalendarFiles } from './ics.ts';
import { renderPolicyFiles, type RenderedFile } from './policy-files.ts';
import { ACTION_PLAN_CSV } from './paths.ts';
import { actionPlanCsv, riskRegister } from '../model/register.ts';

export type { RenderedFile } from './policy-files.ts';
export { renderAdminCalendar, renderStaffCalendar } from './ics.ts';
export { renderEmailDraft, renderEmailDrafts } from './eml.ts';
export { renderPolicyFiles, IMPORT_INSTRUCTIONS } from './policy-files.ts';
export { lintPolicies, lintOptionsFor, assertPoliciesPass } from './policy-lint.ts';

/**
 * Every deployable artifact of the playbook, as bytes with paths relative to the output root:
 *   admin/policies/<CAxxx-…>.json, admin/policies/README.txt, admin/calendar.ics, admin/emails/<id>.eml,
 *   staff/calendar.ics, and admin/exemptions/action-plan.csv when an exemption was overridden or an exception is listed.
 * Throws if the Conditional Access policies fail the safety lint. The staff calendar is built from the staff view.
 */
export async function renderArtifacts(playbook: Playbook): Promise<RenderedFile[]> {
  return [...renderPolicyFiles(playbook), ...renderCalendarFiles(playbook, staffView(playbook)), ...(await renderEmailDrafts(playbook)), ...actionPlanFiles(playbook)];
}

/** The action plan, judged on the plan date; none without an overridden exemption or an exception. */
function actionPlanFiles(playbook: Playbook): RenderedFile[] {
  const entries = riskRegister(playbook, playbook.meta.asOf);
  return entries.length === 0 ? [] : [{ path: ACTION_PLAN_CSV, bytes: new TextEncoder().encode(actionPlanCsv(entries)) }];
}
