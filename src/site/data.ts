// Build-time data for the site's components: the organisation config and the policy pages,
// loaded and validated once per build (by astro.config.mjs, through the loader the checker uses)
// and read here from the handbook integration's virtual module.
import content from 'virtual:handbook/content';
import { chapterHref, chapterLabel, chapterNumeral, chaptersOf, isPublished } from '../model/chapters.ts';

export const org = content.org;
export const policies = content.policies;

/** The chapters of the pages a reader of the published site may see, each with its pages in order. */
export const chapters = chaptersOf(policies.filter(isPublished));

/** Policies a reader of the published site may see, chapter by chapter. */
export const publishedPolicies = chapters.flatMap((c) => c.pages);

export { chapterHref, chapterLabel, chapterNumeral };

export const statusLabel: Record<string, string> = {
  draft: '草稿',
  'in-review': '审议中（提案）',
  approved: '已批准',
  retired: '已废止',
};

export const classificationLabel: Record<string, string> = {
  public: '公开',
  internal: '内部',
  confidential: '机密',
};

export const cycleLabel: Record<string, string> = {
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
  biennial: '每两年',
};

export function departmentHref(id: string): string {
  return `/departments/${id}/`;
}

/** Dates read as Chinese readers write them: 2026年11月30日. */
export function formatDateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const byNumber = new Map(chapters.map((c) => [c.number, c]));

/** The label of chapter `number` of the published handbook, e.g. 三、运营计划管理 (a page's search filter value). */
export function chapterLabelOf(number: number): string {
  return chapterLabel({ number, title: byNumber.get(number)?.title ?? '' });
}
