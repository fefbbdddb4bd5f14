// The sidebar of a large handbook, page by page (a Starlight route middleware). The configured
// sidebar (astro.config.mjs) lists each chapter as one link: to its page, or to the index of its
// pages when it holds several. On a page of such a chapter, that link opens into the chapter: its
// lead page, the pages around this one and a link to all of them. So a page carries the same few
// dozen links whether the handbook has 10 pages or 10,000, where stock Starlight would give every
// page a link to every other (HANDBOOK_NAV=stock builds that, for npm run bench:build).
//
// Previous and next follow every published policy in chapter order, as a reader turns pages.
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { window } from '../model/chapters.ts';
import { chapterHref, chapterLabel, chapters, publishedPolicies } from './data.ts';

/** Pages of the current chapter shown around the current one. */
const NEIGHBOURS = 9;

type Entry = StarlightRouteData['sidebar'][number];
type Link = Extract<Entry, { type: 'link' }>;

const link = (label: string, href: string, isCurrent = false): Link => ({ type: 'link', label, href, isCurrent, badge: undefined, attrs: {} });

const where = new Map(chapters.flatMap((chapter) => chapter.pages.map((page, index) => [page.slug, { chapter, index }] as const)));
const flat = new Map(publishedPolicies.map((p, i) => [p.slug, i]));

/** Replaces the entry linking to `href`, wherever it is in the tree. */
function replace(entries: Entry[], href: string, by: Entry): boolean {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.type === 'link' && e.href === href) {
      entries[i] = by;
      return true;
    }
    if (e.type === 'group' && replace(e.entries, href, by)) return true;
  }
  return false;
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const at = where.get(route.id);
  if (!at) return;
  const { chapter, index } = at;
  const i = flat.get(route.id)!;
  const prev = publishedPolicies[i - 1];
  const next = publishedPolicies[i + 1];
  if (prev) route.pagination.prev = link(prev.policy.title, `/${prev.slug}/`);
  if (next) route.pagination.next = link(next.policy.title, `/${next.slug}/`);
  if (chapter.pages.length === 1) return;
  const [lead, ...rest] = chapter.pages;
  const shown = window(rest, Math.max(0, index - 1), NEIGHBOURS);
  replace(route.sidebar, chapterHref(chapter), {
    type: 'group',
    label: chapterLabel(chapter.number),
    collapsed: false,
    badge: undefined,
    entries: [
      ...[lead!, ...shown].map((p) => link(p.policy.title, `/${p.slug}/`, p.slug === route.id)),
      link(`本章全部 ${chapter.pages.length} 篇`, chapterHref(chapter)),
    ],
  });
});
