import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the installed tool (its package.json, the site sources and the site builder's working folder).
 * Two levels up from this module both when run from source (src/shared/) and when compiled (lib/shared/).
 */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
