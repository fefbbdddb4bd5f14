// Where the repository is, found from this module's location.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module holding content/organization.yaml.
 * Walking up (rather than a fixed '../../') keeps it right when Astro bundles this module into
 * its build output; the working directory is the fallback for builds placed elsewhere.
 */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'content/organization.yaml'))) return dir;
  }
  return process.cwd();
}

export const repoRoot = findRoot();
