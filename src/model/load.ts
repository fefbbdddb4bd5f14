// Reads the organisation config and the policy pages from disk, outside Astro, for the checker,
// the content lint and tests. Validation goes through the same schema module the site uses.
import { quoted, wordsOf } from './words.ts';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parse as parseYaml } from 'yaml';
import {
  OrganizationSchema,
  RedirectsSchema,
  parseWithFriendlyErrors,
  policySchema,
  SchemaError,
  type ObligationRuleSpec,
  type Organization,
  type Policy,
} from '../schema/index.ts';

export { repoRoot } from './root.ts';
import { repoRoot } from './root.ts';

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
export function loadOrganization(
  path = process.env.HANDBOOK_ORGANIZATION ?? join(repoRoot, 'content/organization.yaml'),
): Organization {
  return parseWithFriendlyErrors(
    OrganizationSchema,
    readYamlFile(path, relative(repoRoot, path) || path),
    relative(repoRoot, path) || path,
  );
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
/**
 * A page's MDX after its frontmatter, and how many lines the frontmatter took: add them to a line
 * of the body to get the line in the file.
 */
/**
 * A page's text without a byte-order mark: an editor on Windows may save one, and Starlight reads
 * the frontmatter after it, so every reader here must too (a page whose frontmatter went unread
 * would drop its obligations from the checker while the site still showed them).
 */
export const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export function pageBody(text: string): { body: string; lines: number } {
  text = withoutBom(text);
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(text);
  return m ? { body: text.slice(m[0].length), lines: m[0].split('\n').length - 1 } : { body: text, lines: 0 };
}

export function readFrontmatter(text: string): unknown {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(withoutBom(text));
  return m ? parseYaml(m[1]) : undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Reads one page; returns its policy, undefined for a page that is not a policy, or throws a SchemaError. */
export function loadPolicyFile(
  path: string,
  org: Organization,
  rules: readonly ObligationRuleSpec[],
  docsDir = join(repoRoot, 'content/docs'),
  schema = policySchema(org, rules),
): PolicyFile | undefined {
  const file = relative(repoRoot, path) || path;
  let data: unknown;
  const text = readFileSync(path, 'utf8');
  try {
    data = readFrontmatter(text);
  } catch (error) {
    throw new SchemaError(file, [{ path: '', message: `frontmatter is not valid YAML: ${(error as Error).message}` }]);
  }
  if (!data || typeof data !== 'object' || !('id' in data)) return undefined;
  // Starlight's own presentation fields are allowed on policy pages too.
  const {
    description: _d,
    sidebar: _s,
    banner: _b,
    tableOfContents: _t,
    pagefind: _p,
    draft: _dr,
    ...own
  } = data as Record<string, unknown>;
  const policy = parseWithFriendlyErrors(schema, own, file);
  // An obligation's anchor is where reports, the calendar and department pages send readers: it must
  // be a heading of this page (slugged as Astro slugs headings).
  const anchors = headingSlugs(text);
  const lost = policy.obligations.flatMap((ob, i) =>
    ob.anchor && !anchors.includes(ob.anchor)
      ? [
          {
            path: `obligations.${i}.anchor`,
            message: `no heading "${ob.anchor}" on this page, expected one of ${anchors.join(', ')}`,
          },
        ]
      : [],
  );
  // An obligation quotes the article it enforces, or says what the company set instead: the quote
  // must be the page's words (whitespace and markup aside), so rewording the article without the
  // obligation is caught here.
  const words = wordsOf(pageBody(text).body);
  policy.obligations.forEach((ob, i) => {
    if (ob.quote !== undefined && !quoted(words, ob.quote))
      lost.push({
        path: `obligations.${i}.quote`,
        message: `"${ob.quote}" is not in the page's text: quote the article's words as the page writes them`,
      });
    else if (ob.quote === undefined && ob.companySetting === undefined)
      lost.push({
        path: `obligations.${i}.quote`,
        message:
          'quote the words of the article this obligation enforces (quote: …), or say what the company set where the policy is silent (companySetting: …)',
      });
  });
  if (lost.length) throw new SchemaError(file, lost);
  const slug = relative(docsDir, path)
    .replace(/\.mdx?$/, '')
    .replace(/\/index$/, '');
  return { file, slug, policy };
}

/** The ids Astro gives the page's Markdown headings (github-slugger, as Astro uses it). */
export function headingSlugs(text: string): string[] {
  const { body } = pageBody(text);
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) slugs.push(slugger.slug(m[1]!.replace(/[*_`]/g, '')));
  }
  return slugs;
}

/**
 * Loads every file with `load`, going on past a bad one so that every problem is reported at
 * once; throws one SchemaError naming each file, field and problem. The one loader of content:
 * policies, processes and forms all go through it.
 */
export function loadEach<T>(paths: string[], load: (path: string) => T | undefined): T[] {
  const errors: SchemaError[] = [];
  const loaded: T[] = [];
  for (const path of paths) {
    try {
      const item = load(path);
      if (item !== undefined) loaded.push(item);
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length) throw SchemaError.combine(errors);
  return loaded;
}

/** content/redirects.yaml (none when absent), validated: old address → new address. */
export function loadRedirects(root = repoRoot): Record<string, string> {
  const path = join(root, 'content/redirects.yaml');
  if (!existsSync(path)) return {};
  return parseWithFriendlyErrors(
    RedirectsSchema,
    readYamlFile(path, 'content/redirects.yaml') ?? {},
    'content/redirects.yaml',
  );
}

/** The pages folder: content/docs, or the folder HANDBOOK_DOCS names (tests check broken pages with it). */
export const docsRoot = () => process.env.HANDBOOK_DOCS ?? join(repoRoot, 'content/docs');

/**
 * Every policy page (a page with an `id` in its frontmatter) under `docsDir`, validated strictly;
 * `rules` are the rules obligations may name (checks/rules/index.ts: obligationRules).
 */
export function loadPolicies(
  org: Organization,
  rules: readonly ObligationRuleSpec[],
  docsDir = docsRoot(),
): PolicyFile[] {
  const schema = policySchema(org, rules);
  const policies = loadEach(walk(docsDir).sort(), (path) => loadPolicyFile(path, org, rules, docsDir, schema));
  const seen = new Map<string, string>();
  for (const { file, policy } of policies) {
    const other = seen.get(policy.id);
    if (other)
      throw new SchemaError(file, [
        { path: 'id', message: `"${policy.id}" is already used by ${other}; give each policy its own id` },
      ]);
    seen.set(policy.id, file);
  }
  return policies;
}
