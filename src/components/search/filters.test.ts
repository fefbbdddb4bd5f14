import { describe, expect, it } from 'vitest';
import { chapterNumeral } from '../../model/chapters.ts';
import { orderFilterValues } from './filters.ts';

describe('search filter order', () => {
  it('puts known values in their given order, chapters by number, the rest by Chinese collation', () => {
    expect(orderFilterValues(['财务部', '运营部', '市场部'], ['运营部', '市场部', '财务部'])).toEqual([
      '运营部',
      '市场部',
      '财务部',
    ]);
    expect(orderFilterValues(['十二、附则', '二、组织架构与职责', '十、附则', '三、运营计划管理'])).toEqual([
      '二、组织架构与职责',
      '三、运营计划管理',
      '十、附则',
      '十二、附则',
    ]);
  });

  it('sorts thousands of chapter labels by their number', () => {
    const labels = Array.from({ length: 4000 }, (_, i) => `${chapterNumeral((i % 99) + 1)}、第 ${i} 篇`);
    const sorted = orderFilterValues(labels);
    expect(sorted).toHaveLength(4000);
    expect(sorted[0]!.startsWith('一、')).toBe(true);
    expect(sorted.at(-1)!.startsWith('九十九、')).toBe(true);
  });
});
