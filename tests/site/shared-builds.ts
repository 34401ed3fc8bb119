import { inject } from 'vitest';

// Site builds shared by several test files. Each Astro build of a tenant costs tens of seconds (minutes on a
// busy machine), so the files that read the same tenant on the same day read one build, made once per run
// by tests/setup/shared-sites.ts before the files start. The files only read these folders.

/** Artifact files the built sites link to; the set-up writes stand-ins so the links can be followed. */
export const PLAN_DATE_FILES = [
  'admin/plan.pdf',
  'admin/checklists.pdf',
  'admin/calendar.ics',
  'admin/playbook.json',
  'helpdesk/runbook.pdf',
  'staff/mfa-guide.pdf',
  'staff/calendar.ics',
];
export const MID_REGISTER_FILES = ['helpdesk/runbook.pdf', 'staff/mfa-guide.pdf', 'staff/calendar.ics'];

/** Monday 25 January 2027: two weeks before the example tenant's enforcement day. */
export const MID_REGISTER = '2027-01-25';

export interface SharedSites {
  /** The example tenant (with PLAN_DATE_FILES) and the hostile tenant (no files), multi layout, on the example plan date. */
  planDate: string;
  /** The example tenant alone (with MID_REGISTER_FILES), single layout, on MID_REGISTER. */
  midRegister: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sharedSites: SharedSites;
  }
}

export function sharedSites(): SharedSites {
  return inject('sharedSites');
}
