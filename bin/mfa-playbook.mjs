#!/usr/bin/env node
// Entry point of the `mfa-playbook` command.
// An installed package runs the compiled JavaScript in lib/; a checkout runs the TypeScript in src/ through
// Node's type stripping (Node >= 22.18), which Node refuses for files under node_modules.
// When a checkout is started by an older system Node, the same command re-runs on the Node pinned in devDependencies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Installed (anywhere under node_modules, including npx's cache and global installs): the compiled lib/.
// A checkout: always the sources, so that an old lib/ from `npm pack` is never run by mistake.
const installed = fileURLToPath(import.meta.url)
  .split(sep)
  .includes('node_modules');
const fromSource = !installed;
const compiled = new URL('../lib/cli/main.js', import.meta.url);
const [major, minor] = process.versions.node.split('.').map(Number);
const supportsTypeStripping = major > 23 || (major === 22 && minor >= 18) || (major === 23 && minor >= 6);
const supported = major > 22 || (major === 22 && minor >= 12);

if (fromSource && !supportsTypeStripping) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    console.error(`mfa-playbook needs Node 22.18 or newer (found ${process.versions.node}). Run "npm install" to get the pinned Node.`);
    process.exit(1);
  }
  await runOn(pinned);
} else if (!fromSource && !existsSync(compiled)) {
  console.error('mfa-playbook: this copy has no compiled lib/ folder; reinstall the package (npm install mfa-playbook).');
  process.exit(1);
} else if (!fromSource && !supported) {
  console.error(`mfa-playbook needs Node 22.12 or newer (found ${process.versions.node}); install a current Node LTS from https://nodejs.org.`);
  process.exit(1);
} else {
  const { runMain } = await import(fromSource ? '../src/cli/main.ts' : compiled.href);
  await runMain(process.argv.slice(2));
}

/**
 * Runs this command on another Node. Ctrl-C and `kill` reach the wrapper: they are passed on to the child, which
 * cleans up and stops; the wrapper then ends the same way as the child (its exit code, or the same signal).
 */
function runOn(node) {
  return new Promise(() => {
    const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`mfa-playbook: cannot start ${node}: ${error.message}`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      if (code !== null) process.exit(code);
      process.kill(process.pid, signal ?? 'SIGTERM');
    });
  });
}
