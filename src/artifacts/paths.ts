import type { Playbook } from '../model/playbook.ts';
import { languageFolder, staffFilePath } from '../i18n/languages.ts';
import { publicWavePlan, waveCalendarFile, wavesWithOwnCalendar } from '../model/waves.ts';

// Where each artifact goes, known without rendering (the build links them from the sites while workers render).

export const POLICIES_DIR = 'admin/policies';
export const POLICY_README = `${POLICIES_DIR}/README.txt`;
export const EMAILS_DIR = 'admin/emails';
export const ADMIN_CALENDAR = 'admin/calendar.ics';
/** The auditors' action plan of exemption overrides and exceptions (item, owner, reason, review, expiry, state); written when there is one. */
export const ACTION_PLAN_CSV = 'admin/exemptions/action-plan.csv';
export const STAFF_CALENDAR = 'staff/calendar.ics';

/** A provider's run (several tenant files): the portfolio report and spreadsheet beside the tenants' folders. */
export const PORTFOLIO_PDF = 'portfolio.pdf';
export const PORTFOLIO_CSV = 'portfolio.csv';

/** A provider's run: clients/<slug>-summary.pdf, outside the tenant's own folder, so the provider chooses when to send it. */
export function clientSummaryPath(playbook: Pick<Playbook, 'organisation'>): string {
  return `clients/${playbook.organisation.slug}-summary.pdf`;
}

/** The staff calendar of one staff language: staff/calendar.ics, or staff/<language>/calendar.ics with several. */
export function staffCalendarPath(languages: readonly string[], language: string): string {
  return staffFilePath(languages, language, 'calendar.ics');
}

export function policyPath(policy: { fileName: string }): string {
  return `${POLICIES_DIR}/${policy.fileName}`;
}

export function emailPath(message: { id: string }): string {
  return `${EMAILS_DIR}/${message.id}.eml`;
}

/** The draft of one language's version of a message, when each staff language gets its own message. */
export function languageEmailPath(message: { id: string }, language: string): string {
  return `${EMAILS_DIR}/${languageFolder(language)}/${message.id}.eml`;
}

/**
 * The drafts of one message: one per staff language when the tenant sends each language its own message,
 * else one (in the one staff language, or bilingual, or English for the IT team and the helpdesk).
 */
export function emailDrafts(
  playbook: Pick<Playbook, 'staffMessages'>,
  message: Pick<Playbook['communications'][number], 'id' | 'languages'>,
): { path: string; language: string | null }[] {
  if (message.languages && playbook.staffMessages === 'per-language') return message.languages.map(({ language }) => ({ path: languageEmailPath(message, language), language }));
  return [{ path: emailPath(message), language: null }];
}

/** The paths renderArtifacts returns for this playbook. */
export function artifactPaths(
  playbook: Pick<Playbook, 'policies' | 'communications' | 'staffLanguages' | 'staffMessages'> & Partial<Pick<Playbook, 'decisions' | 'exceptions' | 'waves'>>,
): string[] {
  // A plan in waves named by site or department: each wave's own staff calendar (see renderStaffWaveCalendar).
  const waveCalendars = wavesWithOwnCalendar(playbook.waves ? publicWavePlan(playbook.waves) : undefined);
  const registered = (playbook.exceptions ?? []).length > 0 || (playbook.decisions ?? []).some((record) => !record.isTemplate && record.override !== null);
  return [
    ...playbook.policies.flatMap((policy) => [policyPath(policy), ...(policy.steps ?? []).map(policyPath)]),
    ...(playbook.policies.length > 0 ? [POLICY_README] : []),
    ADMIN_CALENDAR,
    ...playbook.staffLanguages.map((language) => staffCalendarPath(playbook.staffLanguages, language)),
    ...playbook.staffLanguages.flatMap((language) => waveCalendars.map((wave) => staffFilePath(playbook.staffLanguages, language, waveCalendarFile(wave)))),
    ...playbook.communications.flatMap((message) => emailDrafts(playbook, message).map((draft) => draft.path)),
    ...(registered ? [ACTION_PLAN_CSV] : []),
  ];
}
