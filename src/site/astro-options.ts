import type { AstroUserConfig } from 'astro';

/**
 * Astro settings shared by `npm run dev` (astro.config.mjs) and the programmatic build.
 * Lean on purpose: no image service, no client bundles, stylesheets inlined into each page and
 * pages written as <folder>/index.html with links naming index.html, so each site folder stands on its own and links work from a file share.
 */
export function siteOptions(): AstroUserConfig {
  return {
    build: { format: 'directory', inlineStylesheets: 'always' },
    trailingSlash: 'ignore',
    image: { service: { entrypoint: 'astro/assets/services/noop' } },
    devToolbar: { enabled: false },
    prefetch: false,
    scopedStyleStrategy: 'class',
    markdown: { syntaxHighlight: false },
    // Collapsing whitespace can glue words to inline elements that start a new source line.
    compressHTML: false,
  };
}
