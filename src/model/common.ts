import { z } from 'zod';

export const isoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const phaseIds = ['prepare', 'register', 'pilot', 'enforce', 'validate'] as const;
export const phaseId = z.enum(phaseIds);
export type PhaseId = (typeof phaseIds)[number];

/** Who does a task. Maps to a named person where the config names one. */
export const ownerRoles = ['it-lead', 'it-team', 'helpdesk', 'approver', 'sponsor'] as const;
export const ownerRole = z.enum(ownerRoles);
export type OwnerRole = (typeof ownerRoles)[number];

/** Audiences of the outputs; confidentiality is decided by audience. */
export const audiences = ['admin', 'helpdesk', 'staff'] as const;
export type Audience = (typeof audiences)[number];

export const personView = z.object({ name: z.string(), role: z.string(), email: z.string() });
