import type { TenantConfig } from '../config/schema.ts';
import type { OwnerRole } from '../model/common.ts';

// How the plan names the chosen sign-in method and the owner of a task.

export function methodName(method: TenantConfig['method']): string {
  return method === 'passkey' ? 'a passkey' : 'Microsoft Authenticator';
}

export function ownerName(config: TenantConfig, owner: OwnerRole): string {
  switch (owner) {
    case 'it-lead':
      return config.people.itLead.name;
    case 'approver':
      return config.people.approver.name;
    case 'sponsor':
      return config.people.sponsor.name;
    case 'helpdesk':
      return 'Helpdesk';
    case 'it-team':
      return 'IT team';
  }
}
