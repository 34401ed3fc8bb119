import { z } from 'zod';
import { GUID_PATTERN, PLACEHOLDER_PATTERN } from '../model/policy-placeholders.ts';

// A zod schema of the body of a Microsoft Graph `conditionalAccessPolicy` as sent to
// POST /identity/conditionalAccess/policies (v1.0). Every object is strict, so a misspelt key ("excludeGroup",
// "grantControl") is an error rather than a property Graph would silently drop or reject at import time.
// Read-only properties (id, createdDateTime, modifiedDateTime, templateId) are refused: a create body has none.
// Condition sets this product never writes (devices, platforms filters, risk levels…) are left out on purpose;
// add them here before a generator uses them.

export const policyStates = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'] as const;
export type PolicyState = (typeof policyStates)[number];

export const clientAppTypes = ['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'] as const;
export const builtInControls = ['block', 'mfa', 'compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange'] as const;
export const userActions = ['urn:user:registersecurityinfo', 'urn:user:registerdevice'] as const;
export const guestOrExternalUserTypes = [
  'none',
  'internalGuest',
  'b2bCollaborationGuest',
  'b2bCollaborationMember',
  'b2bDirectConnectUser',
  'otherExternalUser',
  'serviceProvider',
] as const;

export interface CaSchemaOptions {
  /** Accept `<<OBJECT-ID-OF-…>>` placeholders where an object id goes (the files as shipped). */
  allowPlaceholders: boolean;
}

function objectIdRef(options: CaSchemaOptions) {
  return z.string().refine((value) => GUID_PATTERN.test(value) || (options.allowPlaceholders && PLACEHOLDER_PATTERN.test(value)), {
    message: options.allowPlaceholders ? 'expected an object id (GUID) or an <<OBJECT-ID-OF-…>> placeholder' : 'expected an object id (GUID)',
  });
}

/** A list of ids where one keyword may stand alone instead: ["All"], ["None"]… */
function idListWithKeywords(options: CaSchemaOptions, keywords: readonly string[]) {
  const id = objectIdRef(options);
  return z.array(z.union([z.enum(keywords as [string, ...string[]]), id])).superRefine((values, ctx) => {
    const keywordsUsed = values.filter((value) => keywords.includes(value));
    if (keywordsUsed.length > 0 && values.length > 1 && keywordsUsed.some((value) => value === 'All' || value === 'None')) {
      ctx.addIssue({ code: 'custom', message: `"${keywordsUsed[0]}" must be the only value in the list` });
    }
    if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', message: 'duplicate values' });
  });
}

function guestsOrExternalUsersSchema() {
  return z.strictObject({
    guestOrExternalUserTypes: z.string().refine((value) => value.split(',').every((part) => (guestOrExternalUserTypes as readonly string[]).includes(part.trim())), {
      message: `expected a comma-separated list of ${guestOrExternalUserTypes.join(', ')}`,
    }),
    externalTenants: z.union([
      z.strictObject({ '@odata.type': z.literal('#microsoft.graph.conditionalAccessAllExternalTenants'), membershipKind: z.literal('all') }),
      z.strictObject({
        '@odata.type': z.literal('#microsoft.graph.conditionalAccessEnumeratedExternalTenants'),
        membershipKind: z.literal('enumerated'),
        members: z.array(z.string().regex(GUID_PATTERN)).min(1),
      }),
    ]),
  });
}

export function conditionalAccessPolicySchema(options: CaSchemaOptions = { allowPlaceholders: false }) {
  const id = objectIdRef(options);
  const users = z
    .strictObject({
      includeUsers: idListWithKeywords(options, ['All', 'None', 'GuestsOrExternalUsers']).default([]),
      excludeUsers: idListWithKeywords(options, ['GuestsOrExternalUsers']).default([]),
      includeGroups: z.array(id).default([]),
      excludeGroups: z.array(id).default([]),
      includeRoles: z.array(id).default([]),
      excludeRoles: z.array(id).default([]),
      includeGuestsOrExternalUsers: guestsOrExternalUsersSchema().nullable().optional(),
      excludeGuestsOrExternalUsers: guestsOrExternalUsersSchema().nullable().optional(),
    })
    .superRefine((value, ctx) => {
      const included = value.includeUsers.length + value.includeGroups.length + value.includeRoles.length + (value.includeGuestsOrExternalUsers ? 1 : 0);
      if (included === 0) ctx.addIssue({ code: 'custom', message: 'the policy must include some users, groups, roles or guests ("None" counts)' });
    });

  const applications = z
    .strictObject({
      includeApplications: idListWithKeywords(options, ['All', 'None', 'Office365', 'MicrosoftAdminPortals']).default([]),
      excludeApplications: idListWithKeywords(options, ['Office365', 'MicrosoftAdminPortals']).default([]),
      includeUserActions: z.array(z.enum(userActions)).max(1).default([]),
      includeAuthenticationContextClassReferences: z.array(z.string().regex(/^c([1-9]|[1-9][0-9])$/)).default([]),
    })
    .superRefine((value, ctx) => {
      const targets = [value.includeApplications, value.includeUserActions, value.includeAuthenticationContextClassReferences].filter((list) => list.length > 0);
      if (targets.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'target exactly one of includeApplications, includeUserActions or includeAuthenticationContextClassReferences' });
      }
      if (value.includeUserActions.length > 0 && value.excludeApplications.length > 0) {
        ctx.addIssue({ code: 'custom', message: 'excludeApplications cannot be combined with a user action' });
      }
    });

  const locationRef = z.union([z.enum(['All', 'AllTrusted']), id]);
  const locations = z.strictObject({
    includeLocations: z.array(locationRef).min(1),
    excludeLocations: z.array(locationRef).default([]),
  });

  const conditions = z.strictObject({
    users,
    applications,
    clientAppTypes: z
      .array(z.enum(clientAppTypes))
      .min(1)
      .refine((values) => !values.includes('all') || values.length === 1, { message: '"all" must be the only client app type' }),
    locations: locations.nullable().optional(),
    signInRiskLevels: z.array(z.enum(['low', 'medium', 'high', 'hidden', 'none'])).optional(),
    userRiskLevels: z.array(z.enum(['low', 'medium', 'high', 'hidden', 'none'])).optional(),
  });

  const grantControls = z
    .strictObject({
      operator: z.enum(['AND', 'OR']),
      builtInControls: z.array(z.enum(builtInControls)).default([]),
      customAuthenticationFactors: z.array(z.string()).default([]),
      termsOfUse: z.array(z.string().regex(GUID_PATTERN)).default([]),
      authenticationStrength: z
        .strictObject({ id: z.string().regex(GUID_PATTERN) })
        .nullable()
        .optional(),
    })
    .superRefine((value, ctx) => {
      const count = value.builtInControls.length + value.customAuthenticationFactors.length + value.termsOfUse.length + (value.authenticationStrength ? 1 : 0);
      if (count === 0) ctx.addIssue({ code: 'custom', message: 'grantControls needs at least one control' });
      if (value.builtInControls.includes('block') && count > 1) ctx.addIssue({ code: 'custom', message: '"block" cannot be combined with another control' });
      if (value.builtInControls.includes('mfa') && value.authenticationStrength) {
        ctx.addIssue({ code: 'custom', message: '"mfa" and an authentication strength cannot be required together' });
      }
    });

  return z.strictObject({
    displayName: z.string().trim().min(1).max(256),
    /** Graph marks description as not used; allowed so that exported bodies round-trip. */
    description: z.string().nullable().optional(),
    state: z.enum(policyStates),
    conditions,
    grantControls: grantControls.nullable(),
    sessionControls: z.null().optional(),
  });
}

export type ConditionalAccessPolicyBody = z.output<ReturnType<typeof conditionalAccessPolicySchema>>;

/** Readable one-line messages for a body that fails the schema, each prefixed by its JSON path. */
export function policySchemaIssues(body: unknown, options: CaSchemaOptions): string[] {
  const result = conditionalAccessPolicySchema(options).safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`);
}
