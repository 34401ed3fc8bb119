import type { Playbook } from '../model/playbook.ts';
import type { HelpdeskView, StaffView } from '../model/views.ts';
import type { Catalog } from '../i18n/translate.ts';

export type SiteId = 'admin' | 'helpdesk' | 'staff';
export const SITE_IDS: readonly SiteId[] = ['admin', 'helpdesk', 'staff'];

/** One tenant as the build hands it over. */
export interface SiteTenant {
  slug: string;
  playbook: Playbook;
  /**
   * Artifact files the build will add next to the pages, relative to the tenant root,
   * e.g. 'admin/plan.pdf', 'admin/calendar.ics', 'helpdesk/runbook.pdf', 'staff/mfa-guide.pdf'.
   */
  files: string[];
}

/**
 * What the pages receive for one tenant (through the virtual module). Each site's pages read only their own
 * part: the staff pages get `staff` (staffView) and the helpdesk pages `helpdesk` (helpdeskView), never the full model.
 */
export interface SiteData {
  slug: string;
  /** Folder of the tenant in the output, '' (single layout) or '<slug>/' (multi layout). */
  prefix: string;
  /** Artifact files per site, relative to that site's folder. */
  files: Record<SiteId, string[]>;
  admin: Playbook;
  helpdesk: HelpdeskView;
  staff: StaffView;
  /** The site texts ("site.*" of src/i18n/locales/<language>) of every staff language, and of en-GB for admin and helpdesk. */
  texts: Record<string, Catalog>;
}
