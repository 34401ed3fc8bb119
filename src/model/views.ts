import type { Playbook } from './playbook.ts';
import { milestoneList, type MilestoneId } from './schedule.ts';
import { staffPlanVersions } from './revisions.ts';
import { publicWavePlan } from './waves.ts';

// Audience views. The staff and helpdesk renderers receive only these, built by allow-list, so that a
// confidential field added to the model later can never leak by accident: it has to be copied here on purpose.

const PUBLIC_MILESTONES: MilestoneId[] = ['announcement', 'registration-deadline', 'enforcement'];

function publicCore(playbook: Playbook) {
  return {
    meta: playbook.meta,
    organisation: {
      name: playbook.organisation.name,
      shortName: playbook.organisation.shortName,
      slug: playbook.organisation.slug,
      domain: playbook.organisation.domain,
    },
    locale: playbook.locale,
    staffLanguages: playbook.staffLanguages,
    timeZone: playbook.timeZone,
    method: playbook.method,
    pageSize: playbook.pageSize,
    enforcementTime: playbook.schedule.milestones.enforcement.time,
    helpdesk: playbook.helpdesk,
    dates: {
      startDate: playbook.schedule.startDate,
      announcement: playbook.schedule.milestones.announcement.date,
      registrationDeadline: playbook.schedule.registrationDeadline,
      enforcementDate: playbook.schedule.enforcementDate,
    },
    milestones: milestoneList(playbook.schedule.milestones)
      .filter((milestone) => PUBLIC_MILESTONES.includes(milestone.id))
      .map(({ id, title, date, time }) => ({ id, title, date, ...(time ? { time } : {}) })),
    facts: playbook.facts,
    // A plan in waves: each wave's place and dates, never its Entra group. Absent for one wave, so those views do not change.
    ...(playbook.waves ? { waves: publicWavePlan(playbook.waves) } : {}),
  };
}

export function staffView(playbook: Playbook) {
  return {
    ...publicCore(playbook),
    communications: playbook.communications.filter((message) => message.staffVisible),
    // A revised plan's earlier staff dates (never the admin's reasons): the staff calendar raises SEQUENCE with them.
    ...(playbook.history ? { planVersions: staffPlanVersions(playbook.history) } : {}),
  };
}

export function helpdeskView(playbook: Playbook) {
  return {
    ...publicCore(playbook),
    itLead: { name: playbook.people.itLead.name, role: playbook.people.itLead.role, email: playbook.people.itLead.email },
    phases: playbook.schedule.phases.map(({ id, title, startDate, endDate }) => ({ id, title, startDate, endDate })),
    runbook: playbook.runbook,
    communications: playbook.communications.filter((message) => message.staffVisible || message.audience === 'helpdesk'),
  };
}

export type StaffView = ReturnType<typeof staffView>;
export type HelpdeskView = ReturnType<typeof helpdeskView>;
