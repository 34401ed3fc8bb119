// Identifiers used in the Conditional Access policy files: Microsoft's fixed ids, and the placeholders that stand in
// for object ids the config does not hold. Pure helpers, shared by the policy generator, the schema and the lint.

/** Built-in role template id of "Directory Synchronization Accounts" (the on-premises sync service account). */
export const DIRECTORY_SYNC_ROLE_ID = 'd29b2b05-8046-44ba-8758-1e26182fcf32';

/** Built-in authentication strength "Multifactor authentication" (includes Temporary Access Pass). */
export const AUTH_STRENGTH_MFA_ID = '00000000-0000-0000-0000-000000000002';

/** Microsoft's Conditional Access template ids each policy follows. */
export const TEMPLATE_IDS = {
  allUsersMfa: 'a3d0a415-b068-4326-9251-f9cdf9feeb64',
  blockLegacyAuth: '0b2282f9-2862-4178-88b5-d79340b36cb8',
  securityInfoRegistration: 'b8bda7f8-6584-4446-bce9-d871480e53fa',
} as const;

export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A placeholder: `<<OBJECT-ID-OF-GROUP:NE-Access-Continuity>>`. Greppable (`<<OBJECT-ID-OF-`), impossible to
 * mistake for a GUID, and rejected by Microsoft Graph if imported unreplaced.
 */
export const PLACEHOLDER_PATTERN = /^<<OBJECT-ID-OF-[A-Z]+:[^<>\r\n]+>>$/;
export const PLACEHOLDER_SEARCH = /<<OBJECT-ID-OF-[A-Z]+:[^<>\r\n]+>>/g;
export const PLACEHOLDER_MARKER = '<<OBJECT-ID-OF-';

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value);
}

/** Keeps letters, digits, spaces, dots, dashes and underscores of a display name; anything else becomes `_`. */
function tokenName(name: string): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || 'unnamed';
}

export function groupPlaceholder(groupName: string): string {
  return `<<OBJECT-ID-OF-GROUP:${tokenName(groupName)}>>`;
}

/** The id to write for a group: its object id when the config holds one, otherwise its placeholder. */
export function groupReference(group: { name: string; objectId?: string | null | undefined }): string {
  return group.objectId ? group.objectId.toLowerCase() : groupPlaceholder(group.name);
}

/** Every placeholder token in a JSON-like value, in order of first appearance. */
export function placeholdersIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(PLACEHOLDER_SEARCH)) found.add(match[0]);
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return [...found];
}
