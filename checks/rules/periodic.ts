// Rule `periodic`: an obligation due once per year, quarter or month (or the cycle a parameter of
// the organisation config names) for each carrier: each department that carries it (plans,
// reports), or each member of a roster who was there in the period and is still there on its due day
// (every employee evaluated each cycle). For every period whose due date falls in the window, the earliest matching record's
// evidence must be before the end of the due day.
import {
  addToDate,
  compareDates,
  dueDatesBetween,
  formatPeriod,
  nextPeriod,
  periodDueDate,
  periodEnd,
  periodOf,
  type Period,
} from '../../src/model/dates.ts';
import { carrierField, carrierOf, standingCarriers } from '../../src/model/carrier.ts';
import { describeDeadline, periodUnit } from '../../src/model/describe.ts';
import { fieldsOf, recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, dueStatuses, outOfOrder, type Source } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, notOnRoster, rosterOf, rosterRead, timestampField } from './options.ts';

interface Earliest {
  evidence: number | null;
  source: Source;
}

/** Months in a period, to tell evidence too early to answer it. */
const PERIOD_MONTHS = { year: 12, half: 6, quarter: 3, month: 1 } as const;

export default defineRule({
  id: 'periodic',
  kind: 'group',
  title: '按期完成',
  docs:
    '每个年度、季度或月度（`due.every`，或组织配置中的周期参数，如绩效评估周期），每个承担者都要有一条匹配的记录，其 `evidence` 时间在 `due.deadline` 所定截止日当天结束之前。' +
    '承担者是各部门（`who`），或名册（`roster`，如员工名单）上在该期间在职、截止日仍在职的每个人（截止日前离职的不再要求）。同一承担者同一期间有多条记录时以最早的为准；没有记录为缺失。',
  example: {
    obligation: `  - id: information-report
    title: 按月向运营部门报送信息
    who: { every: department }
    records: reports
    match: { type: information }
    rule: periodic
    evidence: submitted_at
    due: { every: month, deadline: information-report }`,
    finding: '缺失 OPS-07 按月向运营部门报送信息 · 2026-05 · 截止 2026-06-05 · 未见记录，已逾期 172 天',
  },
  options: (z) => ({
    /** Timestamp field that proves the obligation was met, e.g. `submitted_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** One instance per year, quarter or month (the record's period), or the unit a parameter names. */
        every: z.union([z.enum(['year', 'half', 'quarter', 'month']), z.object({ parameter: idOf(z) }).strict()]),
        /** Key of a `from: period-start` or `from: period-end` deadline in the organisation config. */
        deadline: idOf(z),
      })
      .strict(),
    /** Carriers from a roster instead of departments: its members active in each period. */
    roster: rosterOf(z).optional(),
  }),
  validate: (ob, org) => [
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...deadlineFrom(org, ob.due.deadline, 'period'),
    ...(fieldsOf(ob.records, 'period').length
      ? []
      : [
          [
            ['due', 'every'],
            `${ob.records} records have no period; use the deadline rule with "after: <timestamp field>" instead`,
          ] as [string[], string],
        ]),
    ...(typeof ob.due.every === 'object' &&
    !['year', 'half', 'quarter', 'month'].includes(String(org.parameters[ob.due.every.parameter]?.value))
      ? [
          [
            ['due', 'every', 'parameter'],
            `parameter "${ob.due.every.parameter}" must be year, half, quarter or month in the organisation config`,
          ] as [string[], string],
        ]
      : []),
    ...(ob.roster && !(ob.roster.link in recordTypes[ob.records].fields)
      ? [[['roster', 'link'], `${ob.records} records have no field "${ob.roster.link}"`] as [string[], string]]
      : []),
  ],
  statuses: { ...dueStatuses, ...outOfOrder },
  describe(ob, org) {
    const deadline = org.deadlines[ob.due.deadline];
    if (!deadline) return `（未定义的截止规则 ${ob.due.deadline}）`;
    const unit = periodUnit(ob, org);
    const each = { year: '每年', half: '每半年', quarter: '每季度', month: '每月' }[unit];
    // A period-end deadline already reads as a span (季度结束后 15 天内); a period-start one is a day.
    return deadline.from === 'period-end'
      ? `${each}：${describeDeadline(deadline, unit)}`
      : `${each}：${describeDeadline(deadline, unit)}（含当日）前`;
  },
  grain(ob, org) {
    const unit = { year: '每年', half: '每半年', quarter: '每季度', month: '每月' }[periodUnit(ob, org)];
    if (ob.roster) return `名册上每人${unit}一项`;
    return `${carrierOf(ob).kind === 'every' ? '每个部门' : '承担部门'}${unit}一项`;
  },
  *calendar(ob, org, from, to) {
    const deadline = org.deadlines[ob.due.deadline];
    if (deadline) yield* dueDatesBetween(deadline, periodUnit(ob, org), from, to);
  },
  fields: (ob) => [fieldsOf(ob.records, 'period')[0]!, ob.evidence, ob.roster ? ob.roster.link : carrierField(ob)!],
  roster: (ob) => ob.roster && rosterRead(ob.roster),
  key(record, ob) {
    const period = record[fieldsOf(ob.records, 'period')[0]!] as Period | null;
    const carrier = record[ob.roster ? ob.roster.link : carrierField(ob)!] as string | null;
    if (!period || !carrier) return undefined;
    return `${carrier}|${formatPeriod(period)}`;
  },
  value: (record, source, ob) => ({ evidence: record[ob.evidence] as number | null, source }),
  // Two records for one carrier and period: the earliest counts; on a tie, the first read.
  combine: (earlier: Earliest, later: Earliest) =>
    later.evidence !== null && (earlier.evidence === null || later.evidence < earlier.evidence) ? later : earlier,
  *finish(groups, ob, ctx, roster) {
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    const unit = periodUnit(ob, ctx.org);
    const departments = standingCarriers(ob, ctx.org);
    const members =
      ob.roster &&
      roster.map((m) => ({
        id: String(m[recordTypes[ob.roster!.records].key]),
        department: m[fieldsOf(ob.roster!.records, 'department')[0]!] as string,
        from: ob.roster!.from ? (m[ob.roster!.from] as number | null) : null,
        to: ob.roster!.to ? (m[ob.roster!.to] as number | null) : null,
      }));
    // Members by id, and the periods judged: a record of one of those periods for someone not on
    // the roster cannot be judged, and is said to be (below).
    const onRoster = members && new Set(members.map((m) => m.id));
    const judged = new Set<string>();
    // Due dates may fall before their period (an annual plan is due the November before), so
    // start two years before the window and walk forward past the horizon.
    // Due dates grow with their periods: the walk ends at the horizon however long the window (a
    // cap on the count left a long --since window's latest periods out, silently).
    for (let period = periodOf(unit, { year: ctx.since.year - 2, month: 1, day: 1 }); ; period = nextPeriod(period)) {
      const date = periodDueDate(deadline, period);
      if (compareDates(date, ctx.horizon) > 0) break;
      const due = ctx.dueOn(date);
      if (!due.inWindow) continue;
      const subject = formatPeriod(period);
      judged.add(subject);
      if (members) {
        // Members who owe the period: hired before it ended, still there on the due day. Someone
        // who left before it (during the cycle, or after it but before its evaluation was due)
        // cannot be held to it.
        const end = ctx.dueOn(periodEnd(period)).end,
          dueDay = due.end - 86_400_000;
        for (const m of members) {
          if ((m.from !== null && m.from >= end) || (m.to !== null && m.to < dueDay)) continue;
          const found = groups.get(`${m.id}|${subject}`);
          yield {
            department: m.department,
            due,
            evidence: found?.evidence ?? null,
            subject: `${subject} ${m.id}`,
            source: found?.source ?? null,
          };
        }
        continue;
      }
      // Evidence more than a period before its due date (a plan for 2026-03 "submitted" 2025-02-20, a
      // typo for the year) does not answer this period: out of order, not on time.
      const earliest = ctx.dueOn(addToDate(date, -PERIOD_MONTHS[unit], 0)).end - 86_400_000;
      const periodField = fieldsOf(ob.records, 'period')[0]!;
      for (const department of departments) {
        const found = groups.get(`${department}|${subject}`);
        const evidence = found?.evidence ?? null;
        if (evidence !== null && evidence < earliest) {
          yield {
            department,
            due,
            evidence,
            subject,
            source: found?.source ?? null,
            violation: {
              status: 'out-of-order',
              detail: [columnName(ob.records, periodField), columnName(ob.records, ob.evidence)],
              at: evidence,
            },
          };
          continue;
        }
        yield { department, due, evidence, subject, source: found?.source ?? null };
      }
    }
    if (onRoster)
      for (const [key, found] of groups) {
        const cut = key.lastIndexOf('|');
        const id = key.slice(0, cut);
        if (!onRoster.has(id) && judged.has(key.slice(cut + 1)))
          yield {
            unanswered: notOnRoster(ob.records, ob.roster!),
            value: id,
            source: found.source,
          };
      }
  },
});
