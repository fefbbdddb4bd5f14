import { describe, expect, it } from 'vitest';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { chapterNavigation, NEIGHBOURS } from './chapter-nav.ts';
import { chaptersOf } from './chapters.ts';
import type { PolicyFile } from './load.ts';

const page = (slug: string, id: string, chapter: number, title = id) =>
  ({ file: `${slug}.mdx`, slug, policy: { id, chapter, title } }) as unknown as PolicyFile;
const link = (label: string, href: string) => ({
  type: 'link' as const,
  label,
  href,
  isCurrent: false,
  badge: undefined,
  attrs: {},
});

function handbook(units: number) {
  return chaptersOf([
    page('policies/01-general', 'OPS-01', 1, '总则'),
    page('policies/08-meetings', 'OPS-08', 8, '会议管理'),
    ...Array.from({ length: units }, (_, i) =>
      page(`policies/units/u-${i}`, `HD-${String(i + 1).padStart(3, '0')}`, 8),
    ),
    page('policies/10-supplementary', 'OPS-10', 10, '附则'),
  ]);
}

/** Route data as Starlight gives it: the configured sidebar, a chapter of several pages as one link. */
const route = (id: string) =>
  ({
    id,
    sidebar: [
      {
        type: 'group',
        label: '运营管理制度',
        collapsed: false,
        badge: undefined,
        entries: [
          link('总则', '/policies/01-general/'),
          link('会议管理', '/chapters/8/'),
          link('附则', '/policies/10-supplementary/'),
        ],
      },
    ],
    pagination: { prev: undefined, next: undefined },
  }) as unknown as StarlightRouteData;

const links = (entries: StarlightRouteData['sidebar']): number =>
  entries.reduce((n, e) => n + (e.type === 'link' ? 1 : links(e.entries)), 0);

describe('chapter navigation', () => {
  it('opens the current chapter (lead, neighbours, a link to all) and marks the current page', () => {
    const r = route('policies/units/u-50');
    chapterNavigation(handbook(200))(r);
    const chapter = (r.sidebar[0] as { entries: StarlightRouteData['sidebar'] }).entries[1]!;
    expect(chapter.type).toBe('group');
    if (chapter.type !== 'group') return;
    expect(chapter.label).toBe('会议管理');
    expect(chapter.entries[0]).toMatchObject({ label: '会议管理', href: '/policies/08-meetings/' });
    expect(chapter.entries.at(-1)).toMatchObject({ label: '本章全部 201 篇', href: '/chapters/8/' });
    expect(chapter.entries.filter((e) => e.type === 'link' && e.isCurrent)).toMatchObject([
      { href: '/policies/units/u-50/' },
    ]);
  });

  it('gives every page the same number of links, however large the handbook', () => {
    const counts = [20, 200, 2000].map((n) => {
      const r = route('policies/units/u-7');
      chapterNavigation(handbook(n))(r);
      return links(r.sidebar);
    });
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(2 + 1 + NEIGHBOURS + 1);
  });

  it('turns pages through every policy in chapter order, across chapters', () => {
    const navigate = chapterNavigation(handbook(3));
    const lead = route('policies/08-meetings');
    navigate(lead);
    expect([lead.pagination.prev?.href, lead.pagination.next?.href]).toEqual([
      '/policies/01-general/',
      '/policies/units/u-0/',
    ]);
    const last = route('policies/units/u-2');
    navigate(last);
    expect(last.pagination.next?.href).toBe('/policies/10-supplementary/');
  });

  it('leaves a page that is not a policy, and a chapter of one page, as Starlight made them', () => {
    const other = route('reference/checker');
    chapterNavigation(handbook(3))(other);
    expect(other).toEqual(route('reference/checker'));
    const single = route('policies/01-general');
    chapterNavigation(handbook(3))(single);
    expect(single.sidebar).toEqual(route('policies/01-general').sidebar);
  });
});
