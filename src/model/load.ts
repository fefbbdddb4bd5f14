// Reads the organisation config and the policy pages from disk, outside Astro, for the checker,
// the content lint and tests. Validation goes through the same schema module the site uses.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { OrganizationSchema, parseWithFriendlyErrors, policySchema, SchemaError, type Organization, type Policy } from '../schema/index.ts';

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

export function readYamlFile(path: string, label = path): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return parseYaml(text);
  } catch (error) {
    throw new SchemaError(label, [{ path: '', message: `invalid YAML: ${(error as Error).message}` }]);
  }
}

/**
 * The organisation config. HANDBOOK_ORGANIZATION points at another file (tests use it to prove
 * that a changed config changes both the page text and the checker's findings).
 */
export function loadOrganization(path = process.env.HANDBOOK_ORGANIZATION ?? join(repoRoot, 'content/organization.yaml')): Organization {
  return parseWithFriendlyErrors(OrganizationSchema, readYamlFile(path, relative(repoRoot, path) || path), relative(repoRoot, path) || path);
}

export interface PolicyFile {
  /** Path relative to the repository, e.g. `content/docs/policies/03-planning.mdx`. */
  file: string;
  /** Site slug, e.g. `policies/03-planning`. */
  slug: string;
  policy: Policy;
}

/**
 * Frontmatter is the YAML between the opening `---` line and the next `---` line; this is the
 * whole of the convention Astro applies, so a regex is enough and avoids a parser dependency.
 */
export function readFrontmatter(text: string): unknown {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  return m ? parseYaml(m[1]) : undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every policy page (a page with an `id` in its frontmatter), validated strictly. */
export function loadPolicies(org: Organization, docsDir = join(repoRoot, 'content/docs')): PolicyFile[] {
  const schema = policySchema(org);
  const errors: string[] = [];
  const policies: PolicyFile[] = [];
  for (const path of walk(docsDir).sort()) {
    const file = relative(repoRoot, path) || path;
    let data: unknown;
    try {
      data = readFrontmatter(readFileSync(path, 'utf8'));
    } catch (error) {
      errors.push(`${file}: frontmatter is not valid YAML: ${(error as Error).message}`);
      continue;
    }
    if (!data || typeof data !== 'object' || !('id' in data)) continue;
    // Starlight's own presentation fields are allowed on policy pages too.
    const { description: _d, sidebar: _s, banner: _b, tableOfContents: _t, pagefind: _p, draft: _dr, ...own } = data as Record<string, unknown>;
    try {
      const policy = parseWithFriendlyErrors(schema, own, file);
      const slug = relative(docsDir, path).replace(/\.mdx?$/, '').replace(/\/index$/, '');
      policies.push({ file, slug, policy });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  return policies;
}
