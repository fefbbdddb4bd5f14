// Content collections. The docs schema is Starlight's, extended with the policy fields from the
// shared schema module (src/schema), made strict so that a mistyped key fails the build, and
// mapped so that drafts and confidential pages are Starlight drafts: never in production,
// the sitemap or the search index.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { slug } from 'github-slugger';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import content from 'virtual:handbook/content';
import { obligationRules } from './checks/rules/index.ts';
import { docsPageFields } from './src/schema/index.ts';

// The organisation config astro.config.mjs loaded, from the handbook integration's virtual module.
const { org } = content;
// Astro calls the schema function once per entry (its image() helper is bound to the entry's file),
// so the policy fields, which need no image(), are built once here: 0.55 ms of zod per page saved.
const pageFields = docsPageFields(org, obligationRules);

/**
 * The test build (scripts/test/build-site.ts) adds the pages of tests/fixtures/pages: a draft and a
 * confidential page, which the company's handbook does not ship but whose exclusion from the site
 * the tests must see. Ids are made as Starlight's loader makes them (each segment slugged, a
 * trailing /index dropped), from the path under either folder, so every shipped page keeps its id.
 */
const fixturePages = process.env.HANDBOOK_FIXTURE_PAGES;
const docs = fixturePages
  ? glob({
      base: '.',
      pattern: ['content/docs/**/[^_]*.{md,mdx}', `${fixturePages}/**/[^_]*.{md,mdx}`],
      generateId: ({ entry }) =>
        entry
          .slice(entry.startsWith('content/docs/') ? 'content/docs/'.length : fixturePages.length + 1)
          .replace(/\.mdx?$/, '')
          .split('/')
          .map((segment) => slug(segment))
          .join('/')
          .replace(/\/index$/, ''),
    })
  : docsLoader();

export const collections = {
  docs: defineCollection({
    loader: docs,
    schema: (context) =>
      docsSchema({ extend: pageFields })(context)
        .strict()
        .transform((page) => ({
          ...page,
          draft: page.draft || page.status === 'draft' || page.classification === 'confidential',
          pagefind: page.pagefind && page.classification !== 'confidential' && page.status !== 'draft',
        })),
  }),
  /** Corrections to Starlight's Chinese UI strings (content/i18n/zh-CN.json). */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
