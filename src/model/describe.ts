// Plain-language words for deadlines, departments and record fields, rendered from the organisation
// config so that the page text says exactly what the checker enforces. Each rule words its own
// obligations with these (checks/rules/<id>.ts: describe); who carries one is src/model/carrier.ts.
import type { Deadline, Organization } from '../schema/index.ts';
import type { EachSetting } from '../schema/obligation.ts';
import { recordTypes } from '../schema/record-types.ts';
import { addToDate, compareDates, periodDueDate, periodStart, type Period, type PeriodUnit } from './dates.ts';

const unitZh: Record<PeriodUnit, string> = { year: '年度', half: '半年', quarter: '季度', month: '月' };

/**
 * E.g. 计划年度前一年的 11 月 30 日 / 上一季度的最后一天 / 会议结束后 3 个日历日内.
 * The short form fits after 每 in running text: 每「年 11 月 30 日」前, 每「季度末」, 每「月末」.
 */
export function describeDeadline(
  rule: Deadline,
  unit?: PeriodUnit,
  eventLabel = '事件发生',
  form: 'long' | 'short' = 'long',
): string {
  if (rule.from === 'event') {
    // Before the event (a notice the day before a meeting): 最迟在会议开始前 1 个日历日（当日 24:00 前）.
    if (rule.months <= 0 && rule.days <= 0 && rule.months + rule.days < 0) {
      const before = [rule.months ? `${-rule.months} 个月` : '', rule.days ? `${-rule.days} 个日历日` : '']
        .filter(Boolean)
        .join('零');
      return form === 'short' ? `${eventLabel}前 ${before}` : `最迟在${eventLabel}前 ${before}（当日 24:00 前）`;
    }
    const parts = [rule.months ? `${rule.months} 个月` : '', rule.days ? `${rule.days} 个日历日` : '']
      .filter(Boolean)
      .join('零');
    if (!parts) return `${eventLabel}当日内`;
    return form === 'short' || rule.months
      ? `${eventLabel}后 ${parts}内`
      : `${eventLabel}后 ${parts}内（至第 ${rule.days} 日 24:00）`;
  }
  const u = unit ?? 'year';
  if (rule.from === 'period-end') {
    const after = [rule.months ? `${rule.months} 个月` : '', rule.days ? `${rule.days} 天` : '']
      .filter(Boolean)
      .join('零');
    const end = u === 'year' ? '年度结束' : u === 'half' ? '半年结束' : u === 'quarter' ? '季度结束' : '月末';
    if (!after)
      return form === 'short'
        ? u === 'year'
          ? '年末'
          : u === 'half'
            ? '半年末'
            : u === 'quarter'
              ? '季度末'
              : '月末'
        : `${unitZh[u]}最后一天`;
    return `${end}后 ${after}内`;
  }
  // Describe from a sample period so that month-length effects read as a calendar reader expects.
  const sample: Period = { unit: u, year: 2027, index: 1 };
  const start = periodStart(sample);
  const due = periodDueDate(rule, sample);
  const dayBeforeStart = addToDate(start, 0, -1);
  if (form === 'short') {
    if (compareDates(due, dayBeforeStart) === 0)
      return u === 'year' ? '年末' : u === 'half' ? '半年末' : u === 'quarter' ? '季度末' : '月末';
    if (u === 'year' && due.year === sample.year - 1) return `年 ${due.month} 月 ${due.day} 日`;
  }
  if (compareDates(due, dayBeforeStart) === 0) {
    return u === 'year'
      ? '上一年度的最后一天（12 月 31 日）'
      : u === 'half'
        ? '上半年度的最后一天'
        : u === 'quarter'
          ? '上一季度的最后一天'
          : '上月的最后一天';
  }
  if (u === 'year') {
    const which =
      due.year === sample.year - 1 ? '前一年' : due.year === sample.year ? '当年' : `第 ${due.year - sample.year} 年`;
    return `计划年度${which}的 ${due.month} 月 ${due.day} 日`;
  }
  const diff = Math.round(
    (Date.UTC(start.year, start.month - 1, start.day) - Date.UTC(due.year, due.month - 1, due.day)) / 86400000,
  );
  return diff > 0 ? `${unitZh[u]}开始前 ${diff} 天` : `${unitZh[u]}开始后 ${-diff} 天`;
}

export function departmentName(org: Organization, id: string): string {
  return org.departments.find((d) => d.id === id)?.name ?? id;
}

export function roleName(org: Organization, id: string): string {
  return org.roles.find((r) => r.id === id)?.name ?? id;
}

/** A field of the obligation's record type by its Chinese column name (会议结束时间 → 会议结束). */
export function fieldZh(records: string, field: string): string {
  const spec = (recordTypes as Record<string, { fields: Record<string, { zh: string }> }>)[records]?.fields[field];
  return spec ? spec.zh.replace(/时间$/, '') : field;
}

/** The period unit of a periodic obligation: its own, or the one a parameter names (the evaluation cycle). */
export function periodUnit(ob: { due: { every: PeriodUnit | { parameter: string } } }, org: Organization): PeriodUnit {
  const every = ob.due.every;
  return typeof every === 'string' ? every : (String(org.parameters[every.parameter]?.value) as PeriodUnit);
}

/**
 * Which records an obligation applies to where a company setting decides it (`match` with
 * `atLeast: <parameter>`), in Chinese, saying that it is the company's setting: e.g.
 * 适用于风险等级为“中”及以上的记录（公司设定：须制定应对措施的最低风险等级）. Where the setting is the
 * lowest value, every record: 适用于所有风险等级（公司设定，可收窄）.
 */
export function describeScope(
  ob: { records: string; match: Record<string, unknown>; setting?: EachSetting },
  org: Organization,
): string | undefined {
  const parts: string[] = [];
  const listed = ob.setting && org.parameters[ob.setting.parameter];
  if (listed) parts.push(`公司设定“${listed.label}”为${listText(listed)}，每一种各为一项要求，可在组织配置中增减`);
  for (const [field, want] of Object.entries(ob.match)) {
    if (typeof want !== 'object' || want === null || Array.isArray(want) || !('atLeast' in want)) continue;
    const param = org.parameters[(want as { atLeast: string }).atLeast];
    const spec = (
      recordTypes as Record<
        string,
        { fields: Record<string, { zh: string; values?: Record<string, readonly string[]> }> }
      >
    )[ob.records]?.fields[field];
    if (!param || !spec?.values) continue;
    const order = Object.keys(spec.values);
    const value = String(param.value);
    const label = spec.values[value]?.[0] ?? value;
    parts.push(
      order.indexOf(value) <= 0
        ? `适用于所有${spec.zh}（公司设定“${param.label}”为“${label}”，可在组织配置中收窄）`
        : `适用于${spec.zh}为“${label}”及以上的记录（公司设定：${param.label}）`,
    );
  }
  return parts.length ? parts.join('；') : undefined;
}

/**
 * A list parameter's values by their Chinese names (`of: evaluations.rater` → 上级和同事), joined
 * as Chinese lists are: 、 between items and 和 before the last.
 */
export function listText(param: Organization['parameters'][string]): string {
  const list = Array.isArray(param.value) ? param.value : [String(param.value)];
  const [records, field] = (param.of ?? '').split('.');
  const values = (
    recordTypes as Record<string, { fields: Record<string, { values?: Record<string, readonly string[]> }> }>
  )[records ?? '']?.fields[field ?? '']?.values;
  const names = list.map((v) => values?.[v]?.[0] ?? v);
  return names.length > 1 ? `${names.slice(0, -1).join('、')}和${names.at(-1)}` : (names[0] ?? '');
}
