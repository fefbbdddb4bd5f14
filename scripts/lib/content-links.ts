// The content lint's link check: every internal link in the pages (Markdown links, reference
// definitions and <a href>) must lead to an address the site publishes, and an anchor to a heading
// (or an id) on that page. The build's starlight-links-validator checks the same on the built site,
// but a process owner should read it in the lint, in Chinese, at the line of the link, before the
// build. The site's own routes are those src/integration.ts injects; the ids they take come from
// the organisation config, the processes, the forms and the published pages.
import type { Nodes } from 'mdast';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { chaptersOf, isPublished } from '../../src/model/chapters.ts';
import { headingSlugs, type PolicyFile, pageBody, readFrontmatter } from '../../src/model/load.ts';
import { mdxProcessor } from '../../src/model/rendered-text.ts';
import type { Organization } from '../../src/schema/index.ts';

export interface LinkProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface SiteIndex {
  org: Organization;
  /** Every page under content/docs (absolute paths). */
  pages: string[];
  /** The policies that loaded (file relative to `root`). */
  policies: PolicyFile[];
  processes: string[];
  forms: string[];
  /** Old address → new address (content/redirects.yaml). */
  redirects: Record<string, string>;
  /** Files under public/, as addresses (/favicon.svg). */
  assets: string[];
  root: string;
  docsDir: string;
}

interface Page {
  file: string;
  address: string;
  published: boolean;
  anchors: Set<string>;
  text: string;
}

/** The address Starlight gives a page: its path under content/docs, or its `slug`. */
function addressOf(docsDir: string, path: string, fm: Record<string, unknown> | undefined): string {
  if (typeof fm?.slug === 'string') return `/${fm.slug.replace(/^\/|\/$/g, '')}/`.replace(/^\/\/$/, '/');
  const slug = relative(docsDir, path)
    .split('\\')
    .join('/')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '');
  return slug ? `/${slug}/` : '/';
}

function pagesOf(index: SiteIndex): Map<string, Page> {
  const policyByFile = new Map(index.policies.map((p) => [p.file, p]));
  const pages = new Map<string, Page>();
  for (const path of index.pages) {
    const text = readFileSync(path, 'utf8');
    const file = relative(index.root, path);
    let fm: Record<string, unknown> | undefined;
    try {
      fm = readFrontmatter(text) as typeof fm;
    } catch {
      fm = undefined; // the schema check reports it
    }
    const policy = policyByFile.get(file);
    const published = policy ? isPublished(policy) : fm?.draft !== true;
    // The ids a reader can land on: headings as Astro slugs them, ids written in the page, and the
    // ids the policy page's own parts carry (its obligations, a department's duties, the top).
    const anchors = new Set([
      '_top',
      ...headingSlugs(text),
      ...Array.from(text.matchAll(/\bid="([^"]+)"/g), (m) => m[1]!),
      ...Array.from(text.matchAll(/<DepartmentDuties\s[^>]*\bid="([^"]+)"/g), (m) => `dept-${m[1]}`),
    ]);
    if (policy) {
      anchors.add('obligations-heading').add('history-heading');
      for (const ob of policy.policy.obligations) anchors.add(`obligation-${ob.id}`);
    }
    pages.set(addressOf(index.docsDir, path, fm), {
      file,
      address: addressOf(index.docsDir, path, fm),
      published,
      anchors,
      text,
    });
  }
  return pages;
}

/** The site's own routes (src/integration.ts), with the ids each may take. */
function routeExists(index: SiteIndex, path: string): boolean {
  const departments = new Set(index.org.departments.map((d) => d.id));
  // A chapter has its own page when it holds more than one policy page (chapterHref).
  const chapters = new Set(
    chaptersOf(index.policies.filter(isPublished))
      .filter((c) => c.pages.length > 1)
      .map((c) => String(c.number)),
  );
  const fixed = new Set([
    '/departments/',
    '/processes/',
    '/search/',
    '/compliance/',
    '/calendar/',
    '/calendar.ics',
    '/changes/',
    '/changes.xml',
  ]);
  if (fixed.has(path) || index.assets.includes(path)) return true;
  const [, first, second, third] = path.split('/');
  const id = second ?? '';
  switch (first) {
    case 'departments':
      return departments.has(id) && third === '';
    case 'compliance':
      return departments.has(id);
    case 'processes':
      return index.processes.includes(id) && third === '';
    case 'forms':
      return index.forms.some((f) => `${f}.docx` === id);
    case 'calendar':
      return (/^\d{4}-\d{2}$/.test(id) && third !== undefined) || departments.has(id.replace(/\.ics$/, ''));
    case 'changes':
      return /^\d+$/.test(id) || index.policies.some((p) => p.policy.id.toLowerCase() === id);
    case 'chapters':
      return chapters.has(id) && third === '';
    default:
      return false;
  }
}

/** Each internal link of a page: where it points and where it is written. */
function linksOf(text: string): { url: string; line: number; column: number }[] {
  const { body, lines } = pageBody(text);
  const links: { url: string; line: number; column: number }[] = [];
  const at = (node: Nodes) => ({
    line: (node.position?.start.line ?? 1) + lines,
    column: node.position?.start.column ?? 1,
  });
  const walk = (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') links.push({ url: node.url, ...at(node) });
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      (node.name === 'a' || node.name === 'LinkCard')
    )
      for (const a of node.attributes)
        if (a.type === 'mdxJsxAttribute' && a.name === 'href' && typeof a.value === 'string')
          links.push({ url: a.value, ...at(node) });
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(mdxProcessor.parse(body));
  return links.filter((l) => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(l.url));
}

/**
 * Every redirect of content/redirects.yaml that would hide a page or lead nowhere: one from an
 * address a published page still has (the redirect would replace that page, while the checker still
 * enforces it and links to it), one to an address the site does not publish, and one to another
 * redirected address (a chain, or a loop), at its line. That a redirect stays on the site is the
 * schema's (src/schema/records.ts).
 */
export function redirectProblems(index: SiteIndex, text: string): LinkProblem[] {
  const pages = pagesOf(index);
  const lines = text.split('\n');
  const lineOf = (from: string) =>
    lines.findIndex((l) => l.trimStart().replace(/^["']/, '').startsWith(`${from}`)) + 1 || 1;
  const problems: LinkProblem[] = [];
  for (const [from, to] of Object.entries(index.redirects)) {
    const say = (zh: string, en: string) =>
      problems.push({ file: 'content/redirects.yaml', line: lineOf(from), column: 1, message: `${zh} / ${en}` });
    if (pages.get(from)?.published || routeExists(index, from))
      say(
        `${from} 仍是网站上的页面，跳转会把它挡住；请删去这条跳转`,
        `${from} is still a page of the site, which the redirect would hide: remove the redirect`,
      );
    else if (index.redirects[to] !== undefined) {
      // Follow the chain: a loop never ends at a page.
      const seen = new Set([from]);
      let at = to;
      while (index.redirects[at] !== undefined && !seen.has(at)) {
        seen.add(at);
        at = index.redirects[at]!;
      }
      if (seen.has(at)) say(`跳转 ${from} → ${to} 形成循环`, `the redirect ${from} → ${to} loops back to ${at}`);
      else say(`${to} 本身也已改址，请直接指向 ${at}`, `${to} redirects too: point ${from} to ${at}`);
    } else if (!pages.get(to)?.published && !routeExists(index, to))
      say(`跳转的目标 ${to} 不是网站上的页面`, `the redirect's target ${to} is no page of the site`);
  }
  return problems;
}

/** Every internal link of the pages that leads nowhere on the published site, in Chinese and English. */
export function linkProblems(index: SiteIndex): LinkProblem[] {
  const pages = pagesOf(index);
  const problems: LinkProblem[] = [];
  for (const page of pages.values()) {
    if (!page.published) continue; // not on the site: its links lead nowhere anyone follows
    let links: ReturnType<typeof linksOf>;
    try {
      links = linksOf(page.text);
    } catch {
      continue; // MDX that does not parse is the build's error, with its own position
    }
    for (const link of links) {
      const say = (zh: string, en: string) =>
        problems.push({ file: page.file, line: link.line, column: link.column, message: `${zh} / ${en}` });
      const [rawPath = '', hash] = link.url.split('#', 2);
      if (/\.mdx?$/.test(rawPath)) {
        say(
          `链接写的是源文件 ${rawPath}，网站上没有这个地址，请写页面地址（如 /policies/08-meetings/）`,
          `link to the source file ${rawPath}: write the page's address (e.g. /policies/08-meetings/)`,
        );
        continue;
      }
      // Relative links resolve against the page's address, as a browser resolves them.
      const path = rawPath === '' ? page.address : new URL(rawPath, `https://site${page.address}`).pathname;
      const withSlash = /\.[a-z0-9]+$/i.test(path) || path.endsWith('/') ? path : `${path}/`;
      const target = pages.get(withSlash);
      const redirected = index.redirects[withSlash];
      if (!target && !redirected && !routeExists(index, withSlash)) {
        say(`链接指向不存在的页面 ${withSlash}`, `link to a page that does not exist: ${withSlash}`);
        continue;
      }
      if (target && !target.published) {
        say(
          `链接指向未发布的页面 ${withSlash}（草稿或机密页不在网站上）`,
          `link to ${withSlash}, which the site does not publish (a draft or confidential page)`,
        );
        continue;
      }
      if (redirected && !target)
        say(
          `链接指向已改址的 ${withSlash}，请直接写新地址 ${redirected}`,
          `link to ${withSlash}, which redirects: link to ${redirected} instead`,
        );
      if (hash && target && !target.anchors.has(decodeURIComponent(hash))) {
        const headings = headingSlugs(target.text);
        say(
          `链接的锚点 #${hash} 在 ${withSlash} 中不存在${headings.length ? `，该页的标题锚点有：${headings.slice(0, 8).join('、')}` : ''}`,
          `no heading or id "${hash}" on ${withSlash}`,
        );
      }
    }
  }
  return problems;
}
