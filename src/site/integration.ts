import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { SiteData } from './types.ts';

export const VIRTUAL_TENANTS = 'virtual:mfa-playbook/tenants';
const RESOLVED = `\0${VIRTUAL_TENANTS}`;

/**
 * Where the pages get their tenants from:
 * - `tenants`: a fixed list, handed over by the programmatic build;
 * - `dev`: read the tenant config on every load (npm run dev), so edits show up on reload.
 */
export type TenantSource = { tenants: SiteData[] } | { dev: { root: string; configPath: string } };

function moduleCode(source: TenantSource): string {
  if ('tenants' in source) {
    // A JSON string literal parses much faster than the same data as an object literal.
    return `export const tenants = JSON.parse(${JSON.stringify(JSON.stringify(source.tenants))});\n`;
  }
  const loader = resolve(source.dev.root, 'src/build/dev-tenants.ts');
  const configPath = resolve(source.dev.root, source.dev.configPath);
  return `import { devTenants } from ${JSON.stringify(loader)};\nexport const tenants = await devTenants(${JSON.stringify(configPath)}, ${JSON.stringify(version(source.dev.root))});\n`;
}

function version(root: string): string {
  try {
    return (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function reloadOnChange(server: ViteDevServer, root: string, configPath: string): void {
  const config = resolve(root, configPath);
  const templates = resolve(root, 'src/templates');
  server.watcher.add([config, templates]);
  const onChange = (file: string) => {
    const path = resolve(file);
    if (path !== config && !path.startsWith(`${templates}/`)) return;
    // Generators may cache compiled templates at module level: drop every server-side module, then reload.
    for (const environment of Object.values(server.environments)) {
      environment.moduleGraph.invalidateAll();
    }
    server.ws.send({ type: 'full-reload', path: '*' });
  };
  server.watcher.on('change', onChange);
  server.watcher.on('add', onChange);
  server.watcher.on('unlink', onChange);
}

export function tenantsPlugin(source: TenantSource): Plugin {
  return {
    name: 'mfa-playbook:tenants',
    resolveId(id) {
      return id === VIRTUAL_TENANTS ? RESOLVED : undefined;
    },
    load(id) {
      return id === RESOLVED ? moduleCode(source) : undefined;
    },
    configureServer(server) {
      if ('dev' in source) reloadOnChange(server, source.dev.root, source.dev.configPath);
    },
  };
}

/** The Astro integration of the three sites: serves the tenant list to the pages as a virtual module. */
export function mfaPlaybookSites(source: TenantSource): AstroIntegration {
  return {
    name: 'mfa-playbook-sites',
    hooks: {
      'astro:config:setup': ({ updateConfig, addWatchFile }) => {
        if ('dev' in source) addWatchFile(resolve(source.dev.root, 'src/build/dev-tenants.ts'));
        updateConfig({ vite: { plugins: [tenantsPlugin(source)] } });
      },
    },
  };
}
