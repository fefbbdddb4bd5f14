import { describe, expect, it } from 'vitest';
import type { PolicyFile } from './load.ts';
import { chapterNumeral, chaptersOf, numeralValue, around } from './chapters.ts';

const page = (slug: string, id: string, chapter: number, title = slug) =>
  ({ file: `${slug}.mdx`, slug, policy: { id, chapter, title } }) as unknown as PolicyFile;

describe('chapters', () => {
  it('names a chapter by its page nearest the top of the docs, then by lowest id, and orders the rest by id (OPS-9 before OPS-10)', () => {
    const chapters = chaptersOf([
      page('policies/units/hd-010', 'HD-010', 8, '华东分公司会议管理实施细则'),
      page('policies/units/hd-009', 'HD-009', 8),
      page('policies/08-meetings', 'OPS-08', 8, '会议管理'),
      page('policies/01-general', 'OPS-01', 1, '总则'),
    ]);
    expect(chapters.map((c) => [c.number, c.title])).toEqual([
      [1, '总则'],
      [8, '会议管理'],
    ]);
    expect(chapters[1]!.pages.map((p) => p.policy.id)).toEqual(['OPS-08', 'HD-009', 'HD-010']);
  });

  it('writes chapter numbers as Chinese numerals and reads them back', () => {
    for (let n = 1; n < 100; n++) expect(numeralValue(`${chapterNumeral(n)}、章`), String(n)).toBe(n);
    expect([3, 10, 11, 20, 21].map(chapterNumeral)).toEqual(['三', '十', '十一', '二十', '二十一']);
    expect(numeralValue('运营部')).toBeUndefined();
  });

  it('keeps a window of neighbours around the current page, of the same size at either end', () => {
    const list = Array.from({ length: 30 }, (_, i) => i);
    expect(around(list, 0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(around(list, 15, 5)).toEqual([13, 14, 15, 16, 17]);
    expect(around(list, 29, 5)).toEqual([25, 26, 27, 28, 29]);
    expect(around([1, 2], 0, 5)).toEqual([1, 2]);
  });
});
