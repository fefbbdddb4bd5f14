// The organisation config and the policies the checker enforces, validated once per change.
// Validating them (YAML parsing and the zod schemas, loaded for it) was a tenth of a checker run on
// a million rows and most of one on a small folder; the result depends only on those files and on
// the schema code, so it is kept in .cache/checker/ under a hash of all of them and reused while
// none changes. Anything amiss with the cache (absent, unreadable, read-only checkout) only means
// validating again, the same way as without it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import type { PolicyFile } from '../src/model/load.ts';
import { repoRoot } from '../src/model/root.ts';
import type { Organization } from '../src/schema/index.ts';
import type { Timeline } from '../src/model/timeline.ts';
import { SchemaError } from '../src/schema/schema-error.ts';
import { obligationRules } from './rules/index.ts';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name), pattern) : pattern.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** The commit checked out and whether the clone is shallow ('' outside git). */
function gitState(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD', '--is-shallow-repository'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}

export async function loadValidatedConfig(
  cacheDir = join(repoRoot, '.cache/checker'),
): Promise<{ org: Organization; policies: PolicyFile[]; timeline: Timeline }> {
  const orgPath = process.env.HANDBOOK_ORGANIZATION ?? join(repoRoot, 'content/organization.yaml');
  if (!existsSync(orgPath))
    throw new SchemaError(orgPath, [
      {
        path: '',
        message: `no such file; the organisation config is content/organization.yaml${process.env.HANDBOOK_ORGANIZATION ? ', or the file HANDBOOK_ORGANIZATION names' : ''}`,
      },
    ]);
  // zod's package.json wherever the package manager put it (its version decides what validates).
  const zod = module.findPackageJSON?.('zod', import.meta.url);
  const inputs = [
    orgPath,
    ...files(process.env.HANDBOOK_DOCS ?? join(repoRoot, 'content/docs'), /\.mdx?$/),
    ...files(join(repoRoot, 'src/schema'), /\.ts$/),
    // Rules define their obligation options, which the schema validates.
    ...files(join(repoRoot, 'checks/rules'), /^[^.]+\.ts$/),
    join(repoRoot, 'src/model/load.ts'),
    ...(zod ? [zod] : []),
  ];
  const hash = createHash('sha256');
  for (const path of inputs) hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  // Earlier versions come from the history: a new commit (or a deepened clone) may change them.
  hash.update(gitState());
  const name = `config-${hash.digest('hex').slice(0, 32)}.json`;
  try {
    return JSON.parse(readFileSync(join(cacheDir, name), 'utf8'));
  } catch {
    // Not cached yet: validate.
  }
  const [{ loadOrganization, loadPolicies }, { policyTimeline }] = await Promise.all([
    import('../src/model/load.ts'),
    import('../src/model/versions.ts'),
  ]);
  const org = loadOrganization(orgPath);
  const policies = loadPolicies(org, obligationRules);
  const validated = { org, policies, timeline: policyTimeline(org, policies, obligationRules) };
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const old of readdirSync(cacheDir))
      if (old.startsWith('config-')) rmSync(join(cacheDir, old), { force: true });
    const temporary = join(cacheDir, `.${name}.${process.pid}`);
    writeFileSync(temporary, JSON.stringify(validated));
    renameSync(temporary, join(dirname(temporary), name));
  } catch {
    // A read-only checkout: no cache, no harm.
  }
  return validated;
}
