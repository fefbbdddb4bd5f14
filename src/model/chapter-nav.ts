// The sidebar and previous/next links of a policy page in a large handbook (applied to Starlight's
// route data by src/site/navigation.ts; see there for why). Pure: tested without a build.
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { around, chapterHref, type Chapter } from './chapters.ts';

/** Pages of the current chapter shown around the current one. */
export const NEIGHBOURS = 9;

type Entry = StarlightRouteData['sidebar'][number];
type Link = Extract<Entry, { type: 'link' }>;
type Route = Pick<StarlightRouteData, 'id' | 'sidebar' | 'pagination'>;

const link = (label: string, href: string, isCurrent = false): Link => ({
  type: 'link',
  label,
  href,
  isCurrent,
  badge: undefined,
  attrs: {},
});

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

/** For the chapters of a handbook: a function that sets one page's route data. */
export function chapterNavigation(chapters: Chapter[]) {
  const where = new Map(
    chapters.flatMap((chapter) => chapter.pages.map((page, index) => [page.slug, { chapter, index }] as const)),
  );
  const flat = chapters.flatMap((c) => c.pages);
  const order = new Map(flat.map((p, i) => [p.slug, i]));
  return (route: Route): void => {
    const at = where.get(route.id);
    if (!at) return;
    const { chapter, index } = at;
    const i = order.get(route.id)!;
    const prev = flat[i - 1];
    const next = flat[i + 1];
    if (prev) route.pagination.prev = link(prev.policy.title, `/${prev.slug}/`);
    if (next) route.pagination.next = link(next.policy.title, `/${next.slug}/`);
    if (chapter.pages.length === 1) return;
    const [lead, ...rest] = chapter.pages;
    const shown = around(rest, Math.max(0, index - 1), NEIGHBOURS);
    replace(route.sidebar, chapterHref(chapter), {
      type: 'group',
      // Named as the sidebar names every chapter: by its title, as a chapter of one page is.
      label: chapter.title,
      collapsed: false,
      badge: undefined,
      entries: [
        ...[lead!, ...shown].map((p) => link(p.policy.title, `/${p.slug}/`, p.slug === route.id)),
        link(`本章全部 ${chapter.pages.length} 篇`, chapterHref(chapter)),
      ],
    });
  };
}
