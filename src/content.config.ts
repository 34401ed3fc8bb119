/// <reference types="astro/client" />
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Static guidance pages in MDX. `audience` puts a page on the staff or the helpdesk site; `method` limits a
// set-up guide to tenants that chose that method. Pages may use the components the site passes in
// (<KeyDates />, <Contact />, <EnforcementDate />, <OrgName />); they never see confidential data.
const guidanceSchema = z.object({
  title: z.string(),
  navLabel: z.string().optional(),
  folder: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  summary: z.string(),
  audience: z.enum(['staff', 'helpdesk']),
  order: z.number(),
  method: z.enum(['authenticator', 'passkey']).optional(),
});

const guidance = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './src/content/guidance' }),
  schema: guidanceSchema,
});

// The staff pages in the other staff languages: src/i18n/locales/<language>/guidance/<page>.mdx, the same pages as
// src/content/guidance/staff (en-GB). Entry ids start with the language folder in lower case: "de-de/guidance/faq".
const staffGuidance = defineCollection({
  loader: glob({ pattern: '*/guidance/*.mdx', base: './src/i18n/locales' }),
  schema: guidanceSchema,
});

export const collections = { guidance, staffGuidance };
