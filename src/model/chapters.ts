// The chapters of the operations management system and the pages in each. The shipped handbook has
// one page per chapter; a group company adds its units' implementation rules under the chapter
// they implement (chapter: 8 on 华东分公司会议管理实施细则). A chapter is named by its lead page: the
// one nearest the top of content/docs (policies/08-meetings.mdx before policies/units/hd-006.mdx),
// then the lowest id. Within a chapter, pages follow the lead in id order.
import type { PolicyFile } from './load.ts';

export interface Chapter {
  number: number;
  /** The lead page's title, e.g. 运营计划管理. */
  title: string;
  /** The lead page, then the others in id order. */
  pages: PolicyFile[];
}

/** A page a reader of the published site may see: not a draft, not confidential. */
export function isPublished({ policy }: PolicyFile): boolean {
  return policy.status !== 'draft' && policy.classification !== 'confidential';
}

const ids = new Intl.Collator('zh-CN', { numeric: true });
const depth = (slug: string) => slug.split('/').length;

/** The chapters of these pages, by number. */
export function chaptersOf(pages: PolicyFile[]): Chapter[] {
  const byNumber = new Map<number, PolicyFile[]>();
  for (const page of pages) byNumber.set(page.policy.chapter, [...(byNumber.get(page.policy.chapter) ?? []), page]);
  return [...byNumber]
    .sort(([a], [b]) => a - b)
    .map(([number, list]) => {
      const sorted = list.sort((a, b) => depth(a.slug) - depth(b.slug) || ids.compare(a.policy.id, b.policy.id));
      const [lead, ...rest] = sorted;
      const pages = [lead!, ...rest.sort((a, b) => ids.compare(a.policy.id, b.policy.id))];
      return { number, title: lead!.policy.title, pages };
    });
}

/** A chapter as readers name it, e.g. 三、运营计划管理 (its index page's title and the search filter's value). */
export function chapterLabel(chapter: Pick<Chapter, 'number' | 'title'>): string {
  return `${chapterNumeral(chapter.number)}、${chapter.title}`;
}

/** Where a chapter is read: its one page, or the index of its pages (/chapters/8/). */
export function chapterHref(chapter: Chapter): string {
  return chapter.pages.length === 1 ? `/${chapter.pages[0]!.slug}/` : `/chapters/${chapter.number}/`;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A chapter number as the policy writes it: 三, 十二, 二十. */
export function chapterNumeral(n: number): string {
  if (n <= 10) return numerals[n - 1] ?? String(n);
  if (n < 20) return `十${numerals[n - 11]}`;
  if (n < 100) return `${numerals[Math.floor(n / 10) - 1]}十${n % 10 ? numerals[(n % 10) - 1] : ''}`;
  return String(n);
}

/** The number a Chinese chapter numeral stands for (一 → 1, 十二 → 12), for sorting chapter labels. */
export function numeralValue(text: string): number | undefined {
  const m = /^([一二三四五六七八九十]+)、/.exec(text);
  if (!m) return undefined;
  const s = m[1]!;
  const digit = (c: string | undefined) => (c ? numerals.indexOf(c) + 1 : 0);
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 ? digit(s) : undefined;
  return (ten === 0 ? 1 : digit(s[ten - 1])) * 10 + digit(s[ten + 1]);
}

/**
 * At most `size` neighbours of `current` in `list` (the current one among them), as evenly before
 * and after it as the list allows: a chapter's sidebar shows these, not all of its pages.
 */
export function around<T>(list: T[], current: number, size: number): T[] {
  if (list.length <= size) return list;
  const start = Math.min(Math.max(0, current - Math.floor(size / 2)), list.length - size);
  return list.slice(start, start + size);
}
