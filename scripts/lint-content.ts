// npm run lint:content [-- --base origin/main] [--code-quality <file>]: every problem a process
// owner's change can have, all at once, one line each — `file:line:column: 中文 / English (rule-id)`
// — and as GitHub annotations when run in Actions, or a GitLab Code Quality report into <file>.
// Exit 1 on an error; warnings (typography) do not fail it.
//
//   schema        frontmatter, the organisation config, processes and forms against the one schema
//                 module (references to departments, roles, deadlines, record fields included), at the
//                 line of the offending key
//   code          a policy page that holds code (import, export, {…}, a component not the handbook's,
//                 raw HTML) or MDX that does not parse: src/model/page-data.ts, which the build also runs
//   version       against --base: text changed without a raised version and a changes entry; a
//                 version raised with nothing changed; an effective date before the change's date
//                 (always) a proposal whose proposed effective date has passed — a warning
//   deadline      against --base: a deadline or parameter changed in the organisation config, and a
//                 policy that states it not raised to a new version (a deadline is policy)
//   redirect      against --base: a published policy page (not a draft, not confidential) removed or
//                 renamed without a redirect from its address in content/redirects.yaml
//   codeowners    CODEOWNERS (.gitlab/CODEOWNERS where that exists, as GitLab reads it; else
//                 .github/CODEOWNERS) not what the pages' owners and the departments' teams give; a
//                 page's file name that CODEOWNERS could not state as itself
//   param-words   a <Param> whose rendered value repeats the words just before it — warnings
//   typography    Chinese typography (autocorrect): spacing between Chinese and Latin, full-width
//                 punctuation — warnings
//   link          internal links and anchors in the pages: to an address the site publishes (a page, a
//                 route of the site, a file under public/), to a heading or id on it; not to a draft or
//                 confidential page, a source file or a redirected address (the build's
//                 starlight-links-validator checks the built site again); obligation anchors by the schema
import { type ConfigAsWritten, configChanges, statedChanges } from '../src/model/config-diff.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import {
  loadEach,
  loadOrganization,
  loadPolicyFile,
  loadRedirects,
  pageBody,
  readFrontmatter,
  withoutBom,
  type PolicyFile,
} from '../src/model/load.ts';
import { isoDate, today } from '../src/model/dates.ts';
import { repoRoot } from '../src/model/root.ts';
import { loadForms, loadProcessFile } from '../src/process/load.ts';
import { SchemaError, policySchema, type Organization } from '../src/schema/index.ts';
import { obligationRules } from '../checks/rules/index.ts';
import { codeQualityReport, githubAnnotation } from './lib/ci-output.ts';
import { commitOf, RefError } from './lib/git-ref.ts';
import { linkProblems, redirectProblems } from './lib/content-links.ts';
import { codeInPage } from '../src/model/page-data.ts';
import { mdxProcessor } from '../src/model/rendered-text.ts';
import { paramWordProblems } from './lib/param-words.ts';

/** A Markdown page (.md) as the site reads it: no MDX, so raw HTML stays an html node. */
const markdownProcessor = unified().use(remarkParse).use(remarkGfm);

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  rule: 'schema' | 'code' | 'version' | 'deadline' | 'redirect' | 'link' | 'codeowners' | 'typography' | 'param-words';
  severity: 'error' | 'warning';
}

let parsed: { yaml: string; doc: ReturnType<typeof parseDocument>; starts: number[] } | undefined;

/** Line and column of the YAML node at a dotted path (`obligations.0.due.deadline`), 1-based; the key's own line for a missing child. */
export function locate(yaml: string, path: string, lineOffset = 0): { line: number; column: number } {
  // One parse per text, however many problems it holds: the lint stays linear in the problems.
  if (parsed?.yaml !== yaml) {
    const starts = [0];
    for (let i = yaml.indexOf('\n'); i !== -1; i = yaml.indexOf('\n', i + 1)) starts.push(i + 1);
    parsed = { yaml, doc: parseDocument(yaml, { keepSourceTokens: true }), starts };
  }
  const { doc, starts } = parsed;
  const lineOf = (offset: number) => {
    // The last line start at or before the offset (binary search over the starts).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + lineOffset, column: offset - starts[lo]! + 1 };
  };
  let node: Node | null | undefined = doc.contents as Node;
  let at = node?.range?.[0] ?? 0;
  for (const part of path ? path.split('.') : []) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (!pair) break;
      at = (pair.key as Node).range?.[0] ?? at;
      node = pair.value as Node;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) break;
      at = item.range?.[0] ?? at;
      node = item;
    } else break;
  }
  return lineOf(at);
}

const frontmatterOf = (text: string) => /^---\r?\n([\s\S]*?)\r?\n---/.exec(withoutBom(text))?.[1] ?? '';

function schemaProblems(error: SchemaError, root: string): LintProblem[] {
  const texts = new Map<string, string>();
  return error.problems.map((p) => {
    const path = join(root, p.file);
    let text = texts.get(path);
    if (text === undefined) texts.set(path, (text = existsSync(path) ? readFileSync(path, 'utf8') : ''));
    const isPage = /\.mdx?$/.test(p.file);
    const where = text ? locate(isPage ? frontmatterOf(text) : text, p.path, isPage ? 1 : 0) : { line: 1, column: 1 };
    return {
      file: p.file,
      ...where,
      message: `内容不符合规范 / ${p.path ? `${p.path}: ` : ''}${p.message}`,
      rule: 'schema',
      severity: 'error',
    };
  });
}

const walk = (dir: string, pattern: RegExp): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name), pattern) : pattern.test(e.name) ? [join(dir, e.name)] : [],
        )
        .sort()
    : [];

/**
 * Whether a page's path can stand in CODEOWNERS as itself: letters, digits, Chinese, `-`, `_`,
 * `.` and `/`. A space, a line break or a pattern character (`*`, `?`, `[`, `!`, `#`, `\`) would make
 * its line mean another path, or every path.
 */
export const safeOwnedPath = (file: string) => /^[\p{L}\p{N}_./-]+$/u.test(file) && !file.includes('..');

/** Where the repository keeps CODEOWNERS: GitLab reads .gitlab/CODEOWNERS (not .github/), GitHub .github/CODEOWNERS. */
export const codeownersFile = (root: string) =>
  existsSync(join(root, '.gitlab/CODEOWNERS')) ? '.gitlab/CODEOWNERS' : '.github/CODEOWNERS';

/** The CODEOWNERS the pages' owners and the departments' teams give; only from paths that are safe there. */
export function codeowners(org: Organization, policies: PolicyFile[]): string {
  const team = (id: string) => org.departments.find((d) => d.id === id)?.team;
  const lines = [
    "# Generated by `npm run lint:content -- --fix-codeowners` from each policy page's owner and the",
    "# departments' teams in content/organization.yaml. Do not edit by hand: npm run lint:content checks it.",
    // Everything else (the site, the checker, the workflows, this file) is the operations
    // department's, which runs the handbook; the lines below it name each page's owner (the last
    // matching line wins).
    ...(team('operations') ? [`* ${team('operations')}`, `/content/organization.yaml ${team('operations')}`] : []),
    ...policies.flatMap(({ file, policy }) =>
      team(policy.owner) && safeOwnedPath(file) ? [`/${file} ${team(policy.owner)}`] : [],
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const semver = (v: string) => v.split('.').map(Number) as [number, number, number];
const newer = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] > y[2];
};

/** A page's text without the fields a review or a version bump itself changes. */
function substance(text: string): string {
  const fm = parseDocument(frontmatterOf(text)).toJS() ?? {};
  // The English summary is a reading aid, not policy (src/schema/policy.ts): it needs no new version.
  const { version: _v, changes: _c, effective: _e, review: _r, summaryEn: _s, ...rest } = fm as Record<string, unknown>;
  // An obligation's quote cites the page's words (the loader holds it to them): adding one changes
  // nothing the page says or the checker enforces.
  if (Array.isArray(rest.obligations))
    rest.obligations = rest.obligations.map((ob) => {
      const { quote: _q, ...own } = (ob ?? {}) as Record<string, unknown>;
      return own;
    });
  return `${JSON.stringify(rest)}\n${withoutBom(text).replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '')}`;
}

/** The `effective` day a page's text gives, as YYYY-MM-DD, when its frontmatter parses and has one. */
function readableEffective(text: string): string | undefined {
  try {
    const value = (parseDocument(frontmatterOf(text)).toJS() as { effective?: unknown } | null)?.effective;
    const day = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    return typeof day === 'string' ? day : undefined;
  } catch {
    return undefined;
  }
}

/** The `version` a page's text gives, when its frontmatter parses and has one. */
function readableVersion(text: string): string | undefined {
  try {
    const fm = parseDocument(frontmatterOf(text)).toJS() as { version?: unknown } | null;
    return typeof fm?.version === 'string' && /^\d+\.\d+\.\d+$/.test(fm.version) ? fm.version : undefined;
  } catch {
    return undefined;
  }
}

export class LintError extends Error {}

/** Refuses a --base that names no commit, instead of comparing against nothing (every page would pass as new). */
export function checkBase(root: string, base: string): void {
  try {
    commitOf(root, base);
  } catch (error) {
    if (error instanceof RefError) throw new LintError(error.message);
    throw error;
  }
}

function gitShow(root: string, base: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${base}:${file}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

export function lintContent({ root = repoRoot, base }: { root?: string; base?: string } = {}): LintProblem[] {
  const problems: LintProblem[] = [];
  const orgPath = join(root, 'content/organization.yaml');
  let org: Organization;
  try {
    org = loadOrganization(orgPath);
  } catch (error) {
    if (error instanceof SchemaError)
      return schemaProblems(
        new SchemaError(
          'content/organization.yaml',
          error.problems.map((p) => ({ ...p, file: 'content/organization.yaml' })),
        ),
        root,
      );
    throw error;
  }
  const docsDir = join(root, 'content/docs');
  const schema = policySchema(org, obligationRules);
  const pages = walk(docsDir, /\.mdx?$/);
  // Each page on its own: one page's mistake is that page's error, and the other pages still load.
  const policies: PolicyFile[] = [];
  /** Policy ids and (quoted) obligation ids of pages that did not load: references to them elsewhere are not errors of their own. */
  const unloaded = new Set<string>();
  for (const path of pages) {
    try {
      const p = loadPolicyFile(path, org, obligationRules, docsDir, schema);
      if (p) policies.push({ ...p, file: relative(root, path) });
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      // Its policy id and obligation ids, as written, so that processes naming them are not errors too.
      const fm = (parseDocument(frontmatterOf(readFileSync(path, 'utf8'))).toJS() ?? {}) as {
        id?: unknown;
        obligations?: { id?: unknown }[];
      };
      if (typeof fm.id === 'string') unloaded.add(fm.id);
      for (const ob of Array.isArray(fm.obligations) ? fm.obligations : [])
        if (typeof ob?.id === 'string') unloaded.add(`"${ob.id}"`);
      problems.push(
        ...schemaProblems(
          new SchemaError(
            error.file,
            error.problems.map((p) => ({ ...p, file: relative(root, join(repoRoot, p.file)) })),
          ),
          root,
        ),
      );
    }
  }
  // A policy id names one policy: reports, acknowledgements and the version history go by it.
  const firstWith = new Map<string, string>();
  for (const { file, policy } of policies) {
    const first = firstWith.get(policy.id);
    if (first === undefined) firstWith.set(policy.id, file);
    else {
      const text = readFileSync(join(root, file), 'utf8');
      problems.push({
        file,
        ...locate(frontmatterOf(text), 'id', 1),
        message: `制度编号 ${policy.id} 已由 ${first} 使用，请换一个 / policy id ${policy.id} is already ${first}'s: choose another`,
        rule: 'schema',
        severity: 'error',
      });
    }
  }
  try {
    const forms = loadForms(join(root, 'content/forms'));
    loadEach(walk(join(root, 'content/processes'), /\.ya?ml$/), (path) =>
      loadProcessFile(
        path,
        org,
        policies,
        forms.map((f) => f.id),
      ),
    );
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    // A process naming a page that failed to load is not a second error: the page's own says it all.
    const own = error.problems.filter((p) => ![...unloaded].some((id) => p.message.includes(id)));
    if (own.length)
      problems.push(
        ...schemaProblems(
          new SchemaError(
            error.file,
            own.map((p) => ({ ...p, file: relative(root, join(repoRoot, p.file)) })),
          ),
          root,
        ),
      );
  }

  let redirects: Record<string, string> = {};
  try {
    redirects = loadRedirects(root);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    problems.push(...schemaProblems(error, root));
  }

  // Every page is MDX that parses (the reference and the home page too: a stray <模板名> in their
  // prose stops the build). A policy page is also data (src/model/page-data.ts): no import, export
  // or expression, no other component or HTML. A page that does not parse is left out of the checks below.
  const unparsable = new Set<string>();
  const policiesDir = join(docsDir, 'policies') + sep;
  for (const path of pages) {
    const file = relative(root, path);
    const { body, lines } = pageBody(readFileSync(path, 'utf8'));
    let tree: Root;
    try {
      tree = (path.endsWith('.mdx') ? mdxProcessor : markdownProcessor).parse(body);
    } catch (error) {
      const e = error as { line?: number; column?: number; reason?: string; message: string };
      unparsable.add(path);
      problems.push({
        file,
        line: (e.line ?? 1) + lines,
        column: e.column ?? 1,
        message: `MDX 语法错误，页面无法构建（常见原因：花括号或尖括号没有配对；要写字面的 { 或 <，请写成 \\{ 或 \\<） / MDX syntax error: ${e.reason ?? e.message}`,
        rule: 'code',
        severity: 'error',
      });
      continue;
    }
    if (!path.startsWith(policiesDir)) continue;
    for (const p of codeInPage(tree, path, root))
      problems.push({
        file,
        line: p.line + lines,
        column: p.column,
        message: p.message,
        rule: 'code',
        severity: 'error',
      });
  }
  const parsed = pages.filter((p) => !unparsable.has(p));

  // Links and anchors, against the addresses the site publishes (ids as written in the files, so a
  // process or form that did not load still counts as there).
  const idsIn = (dir: string) =>
    walk(join(root, dir), /\.ya?ml$/).map((f) => String(parseDocument(readFileSync(f, 'utf8')).toJS()?.id ?? ''));
  const siteIndex = {
    org,
    pages: parsed,
    policies,
    processes: idsIn('content/processes'),
    forms: idsIn('content/forms'),
    redirects,
    assets: walk(join(root, 'public'), /./).map((f) => `/${relative(join(root, 'public'), f).split('\\').join('/')}`),
    root,
    docsDir,
  };
  problems.push(...linkProblems(siteIndex).map((p) => ({ ...p, rule: 'link' as const, severity: 'error' as const })));
  const redirectsPath = join(root, 'content/redirects.yaml');
  if (existsSync(redirectsPath))
    problems.push(
      ...redirectProblems(siteIndex, readFileSync(redirectsPath, 'utf8')).map((p) => ({
        ...p,
        rule: 'redirect' as const,
        severity: 'error' as const,
      })),
    );

  // Words repeated around a <Param> (评估后评估后 7 个日历日内): warnings, at the <Param>.
  for (const path of parsed)
    for (const p of paramWordProblems(readFileSync(path, 'utf8'), org))
      problems.push({ file: relative(root, path), ...p, rule: 'param-words', severity: 'warning' });

  // A page's file name must be safe in CODEOWNERS (and in a web address).
  for (const path of pages) {
    const file = relative(root, path);
    if (!safeOwnedPath(file))
      problems.push({
        file: file.replace(/[\r\n]/g, '␊'),
        line: 1,
        column: 1,
        message:
          "文件名只能含字母、数字、汉字和 - _ .，不能有空格、换行或 * ? [ ! # \\ 等符号 / a page's file name may hold letters, digits, Chinese and - _ . only: no space, line break or pattern character",
        rule: 'codeowners',
        severity: 'error',
      });
  }

  // Ownership: CODEOWNERS follows the pages' owners (not judged while a page's owner cannot be read).
  const ownersFile = codeownersFile(root);
  const ownersPath = join(root, ownersFile);
  const expected = codeowners(org, policies);
  const actual = existsSync(ownersPath) ? readFileSync(ownersPath, 'utf8') : '';
  if (actual !== expected && unloaded.size === 0) {
    const line = actual.split('\n').findIndex((l, i) => l !== expected.split('\n')[i]) + 1 || 1;
    problems.push({
      file: ownersFile,
      line,
      column: 1,
      message:
        "CODEOWNERS 与各制度页的归口部门不一致，请运行 npm run lint:content -- --fix-codeowners / CODEOWNERS is out of date with the pages' owners",
      rule: 'codeowners',
      severity: 'error',
    });
  }

  // A proposal whose proposed day has passed: the page says 批准后确定; on approval the day it
  // takes effect is written (a warning: the day passing is no mistake of the change at hand).
  const day = isoDate(today(org.timeZone));
  for (const { file, policy } of policies)
    if (policy.status === 'in-review' && policy.effective < day)
      problems.push({
        file,
        ...locate(frontmatterOf(readFileSync(join(root, file), 'utf8')), 'effective', 1),
        message: `提案的拟生效日期 ${policy.effective} 已过，页面显示“批准后确定”；批准时请改为实际生效日期 / the proposal's effective date ${policy.effective} has passed: set the real one when it is approved`,
        rule: 'version',
        severity: 'warning',
      });

  // Versions, deadlines and redirects against the base.
  if (base) {
    checkBase(root, base);
    const baseOrgText = gitShow(root, base, 'content/organization.yaml');
    const baseOrg = baseOrgText ? (parseDocument(baseOrgText).toJS() as ConfigAsWritten) : {};
    const changes = configChanges(baseOrg, parseDocument(readFileSync(orgPath, 'utf8')).toJS() as ConfigAsWritten);
    for (const { file, policy } of policies) {
      const text = readFileSync(join(root, file), 'utf8');
      const before = gitShow(root, base, file);
      const fm = frontmatterOf(text);
      const at = (path: string) => locate(fm, path, 1);
      if (before === undefined) continue; // a new page: its first version stands
      const old = readableVersion(before);
      if (old === undefined) {
        // Its version on the base cannot be read: nothing to compare, and the page is judged as it stands.
        problems.push({
          file,
          ...at('version'),
          message: `${base} 上的此页读不出版本号，无法比较改动；本页按现状检查 / the page on ${base} has no readable version: not compared`,
          rule: 'version',
          severity: 'warning',
        });
        continue;
      }
      const raised = newer(policy.version, old);
      // The day a version takes effect is part of it: moving it changes what is enforced when.
      const oldEffective = readableEffective(before);
      if (!raised && oldEffective && oldEffective !== policy.effective)
        problems.push({
          file,
          ...at('effective'),
          message: `生效日期由 ${oldEffective} 改为 ${policy.effective}，但版本号没有提高：改生效日期须发布新版本，并在 changes 中说明 / effective moved from ${oldEffective} to ${policy.effective} without a new version: raise version and add a changes entry`,
          rule: 'version',
          severity: 'error',
        });
      const changed = substance(before) !== substance(text);
      // A deadline or parameter the page states: through its obligations or a <Param> in its text.
      const states = statedChanges(policy, text, changes).map((c) => `${c.kind} ${c.key}`);
      if (changed && !raised)
        problems.push({
          file,
          ...at('version'),
          message: `正文或要求已修改，请提高版本号并在 changes 中说明 / the text changed since ${base}: raise version (now ${policy.version}) and add a changes entry`,
          rule: 'version',
          severity: 'error',
        });
      else if (raised && !changed && !states.length)
        problems.push({
          file,
          ...at('version'),
          message: `版本号已提高，但内容没有变化 / version raised to ${policy.version} but nothing changed since ${base}`,
          rule: 'version',
          severity: 'error',
        });
      if (states.length && !raised)
        problems.push({
          file,
          ...at('version'),
          message: `组织配置中的${states.join('、')}已修改，本制度所述期限随之改变，请提高版本号并在 changes 中说明 / ${states.join(', ')} changed in content/organization.yaml, which this policy states: raise its version and add a changes entry`,
          rule: 'deadline',
          severity: 'error',
        });
      const newest = policy.changes[0];
      if (raised && newest && policy.effective < newest.date)
        problems.push({
          file,
          ...at('effective'),
          message: `生效日期早于本次修订日期 / effective ${policy.effective} is before the change of ${newest.date}`,
          rule: 'version',
          severity: 'error',
        });
    }
    // Pages gone from the base's docs without a redirect from their address.
    const baseFiles = execFileSync('git', ['ls-tree', '-r', '--name-only', base, '--', 'content/docs'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.mdx?$/.test(f));
    for (const f of baseFiles) {
      if (existsSync(join(root, f))) continue;
      const beforeText = gitShow(root, base, f) ?? '';
      // Only an address the site published needs a redirect: a draft's or a confidential page's never was.
      const was = readFrontmatter(beforeText) as { id?: string; status?: string; classification?: string } | undefined;
      if (!was?.id || was.status === 'draft' || was.classification === 'confidential') continue;
      const slug = `/${relative('content/docs', f)
        .replace(/\.mdx?$/, '')
        .replace(/\/index$/, '')}/`;
      if (!redirects[slug])
        problems.push({
          file: f,
          line: 1,
          column: 1,
          message: `制度页已删除或改名，请在 content/redirects.yaml 中把 ${slug} 指向新地址 / page removed or renamed: add a redirect from ${slug} in content/redirects.yaml`,
          rule: 'redirect',
          severity: 'error',
        });
    }
  }

  // Chinese typography, as warnings.
  try {
    // autocorrect-node is a native addon (CommonJS), loaded on demand.
    const autocorrect = createRequire(import.meta.url)('autocorrect-node') as {
      lintFor(text: string, path: string): { lines: { l: number; c: number; new: string }[] };
    };
    for (const path of pages) {
      const file = relative(root, path);
      const result = autocorrect.lintFor(readFileSync(path, 'utf8'), path);
      for (const l of result.lines)
        problems.push({
          file,
          line: l.l,
          column: l.c,
          message: `中文排版：建议“${l.new.trim()}” / typography: write "${l.new.trim()}"`,
          rule: 'typography',
          severity: 'warning',
        });
    }
  } catch (error) {
    problems.push({
      file: 'package.json',
      line: 1,
      column: 1,
      message: `排版检查无法运行 / the typography check could not run: ${(error as Error).message}`,
      rule: 'typography',
      severity: 'warning',
    });
  }
  return problems;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      'fix-codeowners': { type: 'boolean', default: false },
      'code-quality': { type: 'string' },
    },
  });
  if (values['fix-codeowners']) {
    const org = loadOrganization();
    const policies = loadEach(walk(join(repoRoot, 'content/docs'), /\.mdx?$/), (p) =>
      loadPolicyFile(p, org, obligationRules),
    );
    writeFileSync(join(repoRoot, codeownersFile(repoRoot)), codeowners(org, policies));
  }
  let problems: LintProblem[];
  try {
    problems = lintContent({ base: values.base });
  } catch (error) {
    if (!(error instanceof LintError)) throw error;
    process.stderr.write(`lint:content: ${error.message}\n`);
    process.exit(2);
  }
  const github = !!process.env.GITHUB_ACTIONS;
  for (const p of problems) {
    process.stdout.write(
      `${p.file}:${p.line}:${p.column}: ${p.severity === 'warning' ? '提示 / warning: ' : ''}${p.message} (${p.rule})\n`,
    );
    if (github) process.stdout.write(githubAnnotation(p));
  }
  // GitLab: the pipeline names the report file (artifacts:reports:codequality).
  if (values['code-quality']) writeFileSync(values['code-quality'], codeQualityReport(problems));
  const errors = problems.filter((p) => p.severity === 'error').length;
  process.stdout.write(
    `${errors} 个错误，${problems.length - errors} 条提示 / ${errors} error(s), ${problems.length - errors} warning(s)\n`,
  );
  process.exitCode = errors ? 1 : 0;
}
