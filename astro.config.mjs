// @ts-check
// The handbook site. srcDir is the repository root so that Starlight finds its pages in
// content/docs (its fixed <srcDir>/content/docs convention) and keeps asides, last-updated dates
// and edit links; the project's own routes, components and styles live in src/ and are wired in
// by the handbook integration below.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkJoinCjkLines from 'remark-join-cjk-lines';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { join } from 'node:path';
import { docsRoot, loadRedirects, repoRoot } from './src/model/load.ts';
import remarkPolicyData from './src/site/remark-policy-data.ts';
import { handbookIntegration, loadHandbookContent } from './src/integration.ts';
import { chapterHref, chaptersOf, isPublished } from './src/model/chapters.ts';
import { SchemaError } from './src/schema/schema-error.ts';
import { isExampleAddress } from './src/schema/organization.ts';

// Loaded and validated once per build: the sidebar needs it here, and page code and the content
// collections read the same objects through the integration's virtual module (src/integration.ts).
// A content mistake is the process owner's, not the code's: its message (file, field, expected
// values) without Astro's "Unable to load your Astro config" and a stack trace of our loader.
function loadOrExplain() {
  try {
    return loadHandbookContent();
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    console.error(
      `手册内容有误，无法构建 / the handbook's content has mistakes:\n${error.message}\n` +
        '运行 npm run lint:content 可列出全部问题及其行号 / npm run lint:content lists every problem with its line.',
    );
    process.exit(1);
  }
}
const content = loadOrExplain();
const { org, policies, processes } = content;
const chapters = chaptersOf(policies.filter(isPublished));

// The handbook's navigation: a chapter of several pages is one link here, opened on its own pages
// (src/site/navigation.ts). HANDBOOK_NAV=stock lists every page in every page's sidebar, as stock
// Starlight does; npm run bench:build compares the two.
const nav = process.env.HANDBOOK_NAV || 'handbook';
if (nav !== 'handbook' && nav !== 'stock')
  throw new Error(
    `HANDBOOK_NAV is "${nav}"; use handbook (the default) or stock (every page in every page's sidebar, for comparison)`,
  );
const stockNav = nav === 'stock';
const chapterItems = chapters.map((c) =>
  c.pages.length === 1
    ? { slug: c.pages[0].slug, label: c.title }
    : stockNav
      ? { label: c.title, collapsed: true, items: c.pages.map(({ slug, policy }) => ({ slug, label: policy.title })) }
      : { label: c.title, link: chapterHref(c) },
);

// Tests and parallel builds set HANDBOOK_OUT_DIR so that two builds never share a folder.
const outDir = process.env.HANDBOOK_OUT_DIR;

// Old addresses of renamed or removed policy pages (npm run lint:content asks for one per page gone).
const redirects = loadRedirects();

export default defineConfig({
  redirects,
  // Styles and scripts in cached files, not copied into every page: readers move from page to page of
  // one handbook, and 2,000 pages each carrying the same 5 KB of inlined CSS and JS was 10 MB of output
  // (and HTML for Pagefind to read). Starlight's small is:inline scripts, which must run before paint, stay.
  build: { inlineStylesheets: 'never' },
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro's MDX pages carry its own "use astro:head-inject" directive, which the bundler warns
        // about once per page (a 1.3 MB log at 2,000 pages); it is Astro's, and harmless.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject'))
            return;
          warn(warning);
        },
      },
    },
  },
  site: org.handbook.url,
  srcDir: '.',
  markdown: {
    // Chinese has no spaces between words: a line break inside a paragraph must not become one,
    // and **强调** next to full-width punctuation must still be emphasis. No SmartyPants: the pages
    // write full-width punctuation themselves (npm run lint:content checks it), and its pass was a
    // tenth of each page's Markdown time.
    // A policy page is data: remarkPolicyData stops the build at one that holds code, and hands each
    // the handbook's components it uses (src/site/remark-policy-data.ts).
    processor: unified({
      remarkPlugins: [
        [remarkPolicyData, { policiesDir: join(docsRoot(), 'policies'), root: repoRoot }],
        remarkJoinCjkLines,
        remarkCjkFriendly,
      ],
      smartypants: false,
    }),
  },
  ...(outDir ? { outDir, cacheDir: `${outDir}-cache` } : {}),
  integrations: [
    starlight({
      title: { 'zh-CN': `${org.name} · 运营管理制度`, en: `${org.name} · Operations Handbook` },
      defaultLocale: 'root',
      locales: { root: { label: '简体中文', lang: 'zh-CN' } },
      // "编辑此页" opens the page in the repository's web editor, once the company has set where that is.
      ...(isExampleAddress(org.handbook.editBase) ? {} : { editLink: { baseUrl: org.handbook.editBase } }),
      lastUpdated: true,
      // Every internal link and heading anchor in the pages must exist: a broken one fails the build.
      // The handbook's own routes (src/routes/) are not Starlight pages, so links to them are checked by
      // the site tests instead.
      plugins: [
        starlightLinksValidator({
          exclude: [
            '/chapters/**',
            '/compliance/',
            '/compliance/**',
            '/changes/',
            '/changes/**',
            '/changes.xml',
            '/calendar/',
            '/calendar.ics',
            '/calendar/**',
            '/departments/**',
            '/processes/**',
            '/forms/**',
            '/search/',
            '/search/**',
          ],
        }),
      ],
      customCss: ['./src/styles/handbook.css'],
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        LastUpdated: './src/components/overrides/LastUpdated.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        Search: './src/components/search/Search.astro',
      },
      ...(stockNav ? {} : { routeMiddleware: './src/site/navigation.ts' }),
      // content/docs/404.md is the handbook's own not-found page (in Chinese, with search), built in place of Starlight's.
      disable404Route: true,
      sidebar: [
        {
          label: '运营管理制度',
          items: chapterItems,
        },
        {
          label: '流程与操作手册',
          collapsed: true,
          items: [
            { label: '全部流程', link: '/processes/' },
            ...processes.map((p) => ({ label: p.title.replace(/流程$/, ''), link: `/processes/${p.id}/` })),
            { label: '表单与模板', link: '/forms/' },
          ],
        },
        { label: '截止日历', link: '/calendar/' },
        { label: '修订动态', link: '/changes/' },
        {
          label: '合规检查',
          items: [
            { label: '检查结果', link: '/compliance/' },
            { label: '检查说明', slug: 'reference/checker' },
          ],
        },
        { label: '部门', items: org.departments.map((d) => ({ label: d.name, link: `/departments/${d.id}/` })) },
      ],
    }),
    mdx(),
    handbookIntegration(content),
  ],
});
