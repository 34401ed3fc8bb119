#!/usr/bin/env node
// Adds to package-lock.json the platform-specific optional packages that npm left out.
//
// Why: when the npm registry a machine uses lacks another platform's binary at the locked version
// (say @pagefind/darwin-arm64@1.6.0), `npm install` silently drops that optional package from the lock,
// and `npm ci` then refuses the lock as "out of sync". Each entry added here names only its version and
// platform (os, cpu, libc) and is optional, so npm skips it on every other platform without fetching it.
// Run after `npm install` changed the lock: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

/** os, cpu and libc from the platform suffix of a binary package's name. */
function platformOf(name) {
  const suffix = name.slice(name.lastIndexOf('/') + 1);
  const os = [
    ['darwin', 'darwin'],
    ['win32', 'win32'],
    ['windows', 'win32'],
    ['linux', 'linux'],
    ['android', 'android'],
    ['freebsd', 'freebsd'],
  ].find(([key]) => suffix.includes(key))?.[1];
  const cpu = [
    ['arm64', 'arm64'],
    ['x64', 'x64'],
    ['ia32', 'ia32'],
    ['wasm32', 'wasm32'],
    ['arm', 'arm'],
  ].find(([key]) => suffix.includes(key))?.[1];
  const libc = suffix.includes('musl') ? 'musl' : suffix.includes('gnu') ? 'glibc' : undefined;
  return { ...(cpu ? { cpu: [cpu] } : {}), ...(os ? { os: [os] } : {}), ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) throw new Error(`${name}: cannot add "${spec}", only exact versions`);
    // Keys in npm's own order (version first, the rest alphabetical), so a later `npm install` leaves the entry as is.
    const fields = { ...platformOf(name), license: entry.license, optional: true };
    packages[`node_modules/${name}`] = { version: spec, ...Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))) };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform package${added === 1 ? '' : 's'} to package-lock.json`);
