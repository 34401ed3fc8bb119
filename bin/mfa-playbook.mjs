#!/usr/bin/env node
// Entry point of the `mfa-playbook` command.
// The CLI is written in TypeScript and run through Node's built-in type stripping (Node >= 22.18).
// When started by an older system Node, re-run the same command on the Node pinned in devDependencies.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const supportsTypeStripping = major > 23 || (major === 22 && minor >= 18) || (major === 23 && minor >= 6);

if (!supportsTypeStripping) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    console.error(`mfa-playbook needs Node 22.18 or newer (found ${process.versions.node}). Run "npm install" to get the pinned Node.`);
    process.exit(1);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const { runMain } = await import('../src/cli/main.ts');
await runMain(process.argv.slice(2));
