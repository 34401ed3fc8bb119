import type { TenantConfig } from './schema.ts';
import type { JsonPath } from './source-map.ts';
import { addDays } from '../shared/calendar-dates.ts';
import { lintWaves } from './waves.ts';

/** A plan-level finding about a config that is valid JSON and matches the schema. */
export interface LintFinding {
  severity: 'error' | 'warning';
  path: JsonPath;
  message: string;
}

const lower = (value: string) => value.toLowerCase();

/** The register phase as plan days, derived the same way as the schedule does. */
export function registerPhaseDays(config: TenantConfig): { first: number; last: number } {
  const first = config.phases.prepare + 1;
  return { first, last: first + config.phases.register - 1 };
}

export function lintConfig(config: TenantConfig, context: { today: string }): LintFinding[] {
  const findings: LintFinding[] = [];
  const { accounts } = config.breakGlass;
  const pilotMembers = new Set(config.pilotGroup.members.map(lower));

  accounts.forEach((account, index) => {
    if (pilotMembers.has(lower(account))) {
      findings.push({
        severity: 'error',
        path: ['breakGlass', 'accounts', index],
        message: `${account} is also a member of the pilot group "${config.pilotGroup.name}": the pilot policy would require MFA of the emergency account, the lock-out the break-glass accounts exist to prevent. Remove it from pilotGroup.members`,
      });
    }
    if (!lower(account).endsWith('.onmicrosoft.com')) {
      findings.push({
        severity: 'error',
        path: ['breakGlass', 'accounts', index],
        message: `${account} is not on the ${config.organisation.tenantDomain} domain: break-glass accounts must be cloud-only, on the onmicrosoft.com domain, so that a federation or on-premises outage cannot lock them out`,
      });
    } else if (lower(account.split('@')[1] ?? '') !== lower(config.organisation.tenantDomain)) {
      findings.push({
        severity: 'warning',
        path: ['breakGlass', 'accounts', index],
        message: `${account} is on a different onmicrosoft.com domain from organisation.tenantDomain (${config.organisation.tenantDomain})`,
      });
    }
  });
  const seen = new Set<string>();
  accounts.forEach((account, index) => {
    if (seen.has(lower(account))) {
      findings.push({ severity: 'error', path: ['breakGlass', 'accounts', index], message: `${account} is listed twice` });
    }
    seen.add(lower(account));
  });
  if (new Set(accounts.map(lower)).size < 2) {
    findings.push({
      severity: 'error',
      path: ['breakGlass', 'accounts'],
      message: `found ${seen.size} break-glass account; at least two are needed so that one lost key or one failed sign-in does not leave the organisation without emergency access`,
    });
  }

  if (config.phases.register < 7) {
    findings.push({
      severity: 'warning',
      path: ['phases', 'register'],
      message: `a registration window of ${config.phases.register} working days is short; people on leave will meet enforcement unregistered. 7 or more is advised (default 14)`,
    });
  }

  const { targetRate, reminderBelowRate, reminderDay, contactDay } = config.thresholds;
  if (reminderBelowRate > targetRate) {
    findings.push({
      severity: 'error',
      path: ['thresholds', 'reminderBelowRate'],
      message: `the reminder threshold (${reminderBelowRate}%) is above the target rate (${targetRate}%); expected reminderBelowRate ≤ targetRate`,
    });
  }
  const register = registerPhaseDays(config);
  if (reminderDay < register.first || reminderDay > register.last) {
    findings.push({
      severity: 'error',
      path: ['thresholds', 'reminderDay'],
      message: `day ${reminderDay} is outside the register phase (days ${register.first}–${register.last})`,
    });
  }
  if (contactDay < register.first || contactDay > register.last) {
    findings.push({
      severity: 'error',
      path: ['thresholds', 'contactDay'],
      message: `day ${contactDay} is outside the register phase (days ${register.first}–${register.last})`,
    });
  }
  if (contactDay <= reminderDay) {
    findings.push({
      severity: 'error',
      path: ['thresholds', 'contactDay'],
      message: `individual contact (day ${contactDay}) must come after the reminder check (day ${reminderDay})`,
    });
  }

  if (config.current.registrationRate !== undefined && config.current.registrationRate >= targetRate && !config.current.securityDefaults) {
    findings.push({
      severity: 'warning',
      path: ['current', 'registrationRate'],
      message: `registration is already at ${config.current.registrationRate}%, above the target; the register phase could be shortened`,
    });
  }

  if (config.startDate < context.today) {
    findings.push({
      severity: 'warning',
      path: ['startDate'],
      message: `the start date ${config.startDate} is in the past (today is ${context.today}); the plan is dated from it all the same`,
    });
  }

  const breakGlassSet = new Set(accounts.map(lower));
  config.exceptions.forEach((exception, index) => {
    if (breakGlassSet.has(lower(exception.account))) {
      findings.push({
        severity: 'warning',
        path: ['exceptions', index, 'account'],
        message: `${exception.account} is a break-glass account; it is already excluded through ${config.breakGlass.group.name} and needs no separate exception`,
      });
    }
    if (exception.reviewDate !== undefined && exception.reviewDate > exception.expiry) {
      findings.push({
        severity: 'error',
        path: ['exceptions', index, 'reviewDate'],
        message: `the review date ${exception.reviewDate} is after the expiry ${exception.expiry}; review the exception before it lapses`,
      });
    }
  });

  config.exemptionRequests.forEach((request, index) => {
    const override = request.override;
    if (!override) return;
    const limit = addDays(override.decidedOn, 90);
    if (override.expiry > limit) {
      findings.push({
        severity: 'error',
        path: ['exemptionRequests', index, 'override', 'expiry'],
        message: `an overridden exemption must expire within 90 days of the decision (${override.decidedOn} → at the latest ${limit}), found ${override.expiry}`,
      });
    }
    if (override.expiry <= override.decidedOn) {
      findings.push({
        severity: 'error',
        path: ['exemptionRequests', index, 'override', 'expiry'],
        message: `the expiry ${override.expiry} is not after the decision date ${override.decidedOn}`,
      });
    }
  });

  findings.push(...lintWaves(config));

  return findings;
}
