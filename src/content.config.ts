/// <reference types="astro/client" />
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Static guidance pages in MDX. `audience` puts a page on the staff or the helpdesk site; `method` limits a
// set-up guide to tenants that chose that method. Pages may use the components the site passes in
// (<KeyDates />, <Contact />, <EnforcementDate />, <OrgName />); they never see confidential data.
const guidance = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './src/content/guidance' }),
  schema: z.object({
    title: z.string(),
    navLabel: z.string().optional(),
    folder: z.string().regex(/^[a-z0-9-]+$/).optional(),
    summary: z.string(),
    audience: z.enum(['staff', 'helpdesk']),
    order: z.number(),
    method: z.enum(['authenticator', 'passkey']).optional(),
  }),
});

export const collections = { guidance };
