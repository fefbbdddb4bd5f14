// Build-time data for the site's components: the organisation config and the policy pages,
// loaded once per build through the same loader the checker uses.
import { loadOrganization, loadPolicies } from '../model/load.ts';

export const org = loadOrganization();
export const policies = loadPolicies(org);

/** Policies a reader of the published site may see. */
export const publishedPolicies = policies
  .filter(({ policy }) => policy.status !== 'draft' && policy.classification !== 'confidential')
  .sort((a, b) => a.policy.chapter - b.policy.chapter);

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

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** A chapter number as the policy writes it: 三. */
export function chapterNumeral(chapter: number): string {
  return numerals[chapter - 1] ?? String(chapter);
}

/** A chapter as readers name it, e.g. 三、运营计划管理 (used as the search filter value too). */
export function chapterLabel(policy: { chapter: number; title: string }): string {
  return `${chapterNumeral(policy.chapter)}、${policy.title}`;
}
