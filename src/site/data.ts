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
