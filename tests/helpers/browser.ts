// The one way tests and benchmarks start a browser: the Chromium build shipped inside the
// @sparticuz/chromium npm package, driven by playwright-core. `npm ci` brings everything; no system
// browser, no download at run time, no root.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { extract } from 'tar-fs';

const require = createRequire(import.meta.url);

/** The package's own folder (its exports hide package.json, so go up from the entry file). */
const PACKAGE_DIR = join(dirname(require.resolve('@sparticuz/chromium')), '..');

// The package's serverless flags that change what a page may do or how Chromium is split into
// processes. The tests must see an ordinary browser: same-origin rules and mixed-content blocking
// stay on, and a renderer crash must not take the whole browser down (--single-process).
const FLAGS_LEFT_OUT = new Set([
  '--single-process',
  '--no-zygote',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--disable-setuid-sandbox',
  "--headless='shell'",
]);

/** Quiet, offline, and the same on every machine. */
const OWN_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const CHROMIUM_ARGS: readonly string[] = [...packagedChromium.args.filter((flag) => !FLAGS_LEFT_OUT.has(flag)), ...OWN_FLAGS];

interface Unpacked {
  executablePath: string;
  env: Record<string, string>;
}

let unpacking: Promise<Unpacked> | undefined;

/**
 * The package stores Chromium brotli-compressed. The package's own executablePath() unpacks into the
 * shared system temp folder, where parallel test processes (and other checkouts) would race on a
 * half-written binary. Here each version is unpacked once into node_modules/.cache, in a private staging
 * folder that is renamed into place as a whole: a reader sees either nothing or a complete browser.
 */
async function unpack(): Promise<Unpacked> {
  const { version } = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
  const bin = join(PACKAGE_DIR, 'bin');
  const target = join(PACKAGE_DIR, '..', '..', '.cache', `mfa-playbook-chromium-${version}`);
  const executablePath = join(target, 'chromium');
  const env = {
    // Bundled NSS and expat, so the browser does not depend on the distribution's packages.
    LD_LIBRARY_PATH: [join(target, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    FONTCONFIG_FILE: join(target, 'fonts.conf'),
  };
  if (existsSync(executablePath)) return { executablePath, env };

  const staging = `${target}.${process.pid}-${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 })),
      // The software GL libraries must sit next to the binary.
      pipeline(createReadStream(join(bin, 'swiftshader.tar.br')), createBrotliDecompress(), extract(staging)),
      pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), extract(staging)),
      pipeline(createReadStream(join(bin, 'fonts.tar.br')), createBrotliDecompress(), extract(staging)),
    ]);
    // The package's fonts.conf names serverless folders; ours adds the bundled Open Sans to whatever the
    // machine has, so text renders even where no font is installed.
    await writeFile(
      join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${join(target, 'fonts')}</dir>`,
        `  <cachedir>${join(target, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process finished first: its complete copy is as good as ours.
    if (!existsSync(executablePath)) throw error;
  }
  return { executablePath, env };
}

/** Path of the unpacked Chromium (unpacked on first use). */
export async function chromiumExecutable(): Promise<string> {
  unpacking ??= unpack();
  return (await unpacking).executablePath;
}

/**
 * A headless Chromium. Playwright gives every launch a fresh temporary profile (user-data-dir) and
 * removes it on close, so runs never share cookies, storage or caches.
 */
export async function launchBrowser(options: { extraArgs?: readonly string[] } = {}): Promise<Browser> {
  const installed = installedBrowser();
  if (installed) {
    try {
      return await chromium.launch({ ...installed, args: [...OWN_FLAGS, ...(options.extraArgs ?? [])], timeout: 60_000 });
    } catch (error) {
      throw new Error(
        `${installed.executablePath ? `MFA_PLAYBOOK_CHROMIUM (${installed.executablePath})` : `the installed ${installed.channel}`} could not be started for the browser tests`,
        { cause: error },
      );
    }
  }
  unpacking ??= unpack();
  const { executablePath, env } = await unpacking;
  return chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

/**
 * The package's Chromium is a Linux x64 build. Elsewhere (macOS, Windows, Linux on Arm) the tests drive the
 * browser the machine already has: Microsoft Edge on Windows (part of the system), Google Chrome otherwise,
 * found by Playwright in its usual install location. MFA_PLAYBOOK_CHROMIUM names another Chromium-based
 * browser on any machine.
 */
function installedBrowser(): { executablePath?: string; channel?: string } | undefined {
  const chosen = process.env.MFA_PLAYBOOK_CHROMIUM;
  if (chosen) return { executablePath: chosen };
  if (process.platform === 'linux' && process.arch === 'x64') return undefined;
  return { channel: process.platform === 'win32' ? 'msedge' : 'chrome' };
}

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 320, height: 640 };

/** A new page in its own context at the given viewport; closing the page's context is the caller's job via closePage. */
export async function openPage(browser: Browser, viewport: Viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, viewport });
  return context.newPage();
}

/** Closes a page opened with openPage together with its context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}
