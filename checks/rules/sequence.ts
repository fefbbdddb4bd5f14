// Rule `sequence`: the steps of a record happen in order (drafted, reviewed, approved, published;
// applied for, approved, lent). A later step without an earlier one is `skipped`; a later step
// stamped before the one it follows is `out-of-order`; both are the finding of whoever took the
// later step (the one who went ahead). With a deadline, the last step missing
// after it is `missing` (and after it, `late`), as for any deadline. A step the policy gives to
// another department (`{ at: reviewed_at, by: operations }`) is that department's: a finding about
// it lands on its desk, and where the export names who acted (`actor: reviewed_by`), someone else
// acting is `wrong-actor`. Met records count for the obligation's own carrier.
import { dueDatesBetween, type Period, type PeriodUnit, periodDueDate } from '../../src/model/dates.ts';
import { carrierFields, carrierOfRecord, carrierOfStep, type Step, stepAt, stepBy } from '../../src/model/carrier.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { fieldsOf, recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, type DueDay, dueStatuses, outOfOrder } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, timestampField } from './options.ts';

const stepFieldsOf = new WeakMap<object, string[]>();
/** The steps' timestamp fields, remembered per obligation (asked once per record). */
function stepFields(ob: { steps: readonly Step[] }): string[] {
  let fields = stepFieldsOf.get(ob);
  if (!fields) stepFieldsOf.set(ob, (fields = ob.steps.map(stepAt)));
  return fields;
}

/** The column name of step i, as the export writes it (for a finding's words). */
const fieldName = (ob: { records: string }, steps: readonly Step[], i: number) =>
  columnName(ob.records as never, stepAt(steps[i]!));

/** The last step's column name, in the array a finding shows, made once per obligation (never changed). */
const lastStepNames = new WeakMap<object, string[]>();
function lastStepName(ob: { records: string }, steps: readonly Step[]): string[] {
  let name = lastStepNames.get(ob);
  if (!name) lastStepNames.set(ob, (name = [fieldName(ob, steps, steps.length - 1)]));
  return name;
}

/** Who carries step i of a record: the department the policy gives it to, else the record's carrier. */
const carrierAt = (
  ob: Parameters<typeof carrierOfStep>[0],
  steps: readonly Step[],
  i: number,
  record: Parameters<typeof carrierOfStep>[2],
  department: string,
) => carrierOfStep(ob, steps[i]!, record) ?? department;

/** The period unit of a record's period: a plan's level (annual, quarterly, monthly). */
const unitOf = (ob: { match: Record<string, unknown> }): PeriodUnit =>
  ob.match.level === 'quarterly' ? 'quarter' : ob.match.level === 'monthly' ? 'month' : 'year';

/** The step times of the record being judged: filled anew by each call, read only within it. */
const stepTimes: (number | null)[] = [];

export default defineRule({
  id: 'sequence',
  kind: 'each',
  title: '按顺序办理',
  docs:
    '记录中的各步（`steps`，按先后列出的时间字段）必须依次完成：后一步有而前一步没有为“跳步”，后一步早于前一步为“顺序颠倒”，两者都记在办理后一步的部门名下（没有前一步就先办了后一步的一方）。' +
    '给出 `due.deadline` 时，最后一步还要在截止日当天结束之前完成：计划类截止日按记录的期间计算，事件类从第一步起算；过期未完成为缺失，完成晚了为逾期。',
  example: {
    obligation: `  - id: annual-plan-approval
    title: 年度运营计划经运营部门审核后，由高层管理团队审批
    who: { every: department }
    records: plans
    match: { level: annual }
    rule: sequence
    steps:
      - submitted_at
      - { at: reviewed_at, by: operations, actor: reviewed_by }
      - { at: approved_at, by: executive-team, actor: approved_by }
    due: { deadline: annual-plan-approval }`,
    finding:
      '跳步 OPS-03 年度运营计划经运营部门审核后，由高层管理团队审批 · AP-2026-03 · 截止 2025-12-10 · 未经审核时间（2025-12-10 10:00） 计划台账.csv:4（记在高层管理团队名下）',
  },
  options: (z) => ({
    /**
     * The steps in the order they must happen: timestamp fields, or `{ at, by, actor }` for a step the
     * policy gives to another department (`by`), with the record field naming who did it (`actor`).
     */
    steps: z
      .array(
        z.union([
          z.string(),
          z.object({ at: z.string(), by: idOf(z).optional(), actor: z.string().optional() }).strict(),
        ]),
      )
      .min(2),
    /** Deadline for the last step: counted from the record's period, or (`from: event`) from the first step. */
    due: z
      .object({ deadline: idOf(z) })
      .strict()
      .optional(),
  }),
  validate: (ob, org) => [
    ...ob.steps.flatMap((s, i) =>
      timestampField(ob, stepAt(s), typeof s === 'string' ? ['steps', String(i)] : ['steps', String(i), 'at']),
    ),
    ...ob.steps.flatMap((s, i): [string[], string][] => {
      if (typeof s === 'string') return [];
      const ids = org.departments.map((d) => d.id);
      const actors = fieldsOf(ob.records, 'department');
      return [
        ...(s.by && !ids.includes(s.by)
          ? [
              [['steps', String(i), 'by'], `unknown department "${s.by}", expected one of ${ids.join(', ')}`] as [
                string[],
                string,
              ],
            ]
          : []),
        ...(s.actor && !actors.includes(s.actor)
          ? [
              [
                ['steps', String(i), 'actor'],
                `"${s.actor}" is not a department field of ${ob.records} records, expected one of ${actors.join(', ')}`,
              ] as [string[], string],
            ]
          : []),
        ...(s.actor && !s.by
          ? [
              [['steps', String(i), 'actor'], 'actor needs by: the department the policy gives the step to'] as [
                string[],
                string,
              ],
            ]
          : []),
      ];
    }),
    ...(ob.due
      ? deadlineFrom(org, ob.due.deadline, org.deadlines[ob.due.deadline]?.from === 'event' ? 'event' : 'period')
      : []),
    ...(ob.due && org.deadlines[ob.due.deadline]?.from !== 'event' && !fieldsOf(ob.records, 'period').length
      ? [
          [['due', 'deadline'], `${ob.records} records have no period; use a deadline with from: event`] as [
            string[],
            string,
          ],
        ]
      : []),
  ],
  statuses: {
    skipped: {
      zh: '跳步',
      means: '后一步已办，前一步没有记录',
      todo: '先办了后一步的一方：查明为何没有前一步就办理；前一步实已办理的，在系统中补录其时间',
      says: ({ fields, at }) => `${fields ? `未经${fields}` : '跳过前一步'}${at ? `（${at}）` : ''}`,
    },
    ...outOfOrder,
    'wrong-actor': {
      zh: '经办不符',
      means: '这一步由制度规定以外的部门办理',
      todo: '交由制度规定的部门办理；实际已由该部门办理的，改正导出中的经办部门',
      says: ({ fields, at }) => `${fields}${at ? `（${at}）` : ''}`,
    },
    ...dueStatuses,
  },
  describe(ob, org) {
    const name = (id: string) => org.departments.find((d) => d.id === id)?.name ?? id;
    const steps = ob.steps
      .map((s) => `${fieldZh(ob.records, stepAt(s))}${stepBy(s) ? `（${name(stepBy(s)!)}）` : ''}`)
      .join(' → ');
    const deadline = ob.due ? org.deadlines[ob.due.deadline] : undefined;
    if (!deadline) return `依次：${steps}`;
    const last = fieldZh(ob.records, stepAt(ob.steps.at(-1)!));
    if (deadline.from === 'event')
      return `依次：${steps}；${describeDeadline(deadline, undefined, fieldZh(ob.records, stepAt(ob.steps[0]!)))}${last}`;
    return `依次：${steps}；${last}在${describeDeadline(deadline, unitOf(ob))}（含当日）前`;
  },
  // A deadline counted from the record's period recurs: the last step is due once per period.
  *calendar(ob, org, from, to) {
    const deadline = ob.due ? org.deadlines[ob.due.deadline] : undefined;
    if (deadline && deadline.from !== 'event') yield* dueDatesBetween(deadline, unitOf(ob), from, to);
  },
  grain: (ob) => `每条${recordTypes[ob.records].label}记录一项`,
  optionalFields: (ob) => ob.steps.flatMap((s) => (typeof s !== 'string' && s.actor ? [s.actor] : [])),
  fields: (ob) => [
    ...ob.steps.map(stepAt),
    ...ob.steps.flatMap((s) => (typeof s !== 'string' && s.actor ? [s.actor] : [])),
    ...(ob.due && fieldsOf(ob.records, 'period').length ? [fieldsOf(ob.records, 'period')[0]!] : []),
    ...carrierFields(ob),
  ],
  each(record, ob, ctx) {
    const department = carrierOfRecord(ob, record);
    if (department === null) return undefined;
    const steps = ob.steps as readonly Step[];
    // Called for every record of a million-row export: no closure is made, no array is allocated
    // (the step times go into one array kept for every call), and the words of a finding are
    // looked up only for a finding.
    const fields = stepFields(ob);
    const n = fields.length;
    // A step counts once it happened before as-of.
    const times = stepTimes;
    for (let i = 0; i < n; i++) {
      const at = record[fields[i]!] as number | null;
      times[i] = at !== null && at < ctx.asOfStart ? at : null;
    }
    let firstMissing = times[0] === null ? 0 : -1;
    for (let i = 1; i < n; i++) {
      const at = times[i]!;
      if (at === null) {
        if (firstMissing === -1) firstMissing = i;
        continue;
      }
      if (firstMissing !== -1) {
        // Whoever went ahead without the step before carries it (an approval given without the
        // review is the approver's; an implementation without its approval, the implementer's):
        // the one whose step was left out may never have been asked.
        const missing = times.slice(0, i).flatMap((t, j) => (t === null ? [j] : []));
        return {
          department,
          charge: carrierAt(ob, steps, i, record, department),
          due: ctx.dueOnDayOf(at),
          evidence: at,
          violation: { status: 'skipped', detail: missing.map((j) => fieldName(ob, steps, j)), at },
        };
      }
      if (at < times[i - 1]!)
        // The step taken too early is the one out of order.
        return {
          department,
          charge: carrierAt(ob, steps, i, record, department),
          due: ctx.dueOnDayOf(at),
          evidence: at,
          violation: {
            status: 'out-of-order',
            detail: [fieldName(ob, steps, i - 1), fieldName(ob, steps, i)],
            at,
          },
        };
    }
    // Where the export names who acted at a step the policy gives to a department, it must be that one.
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if (typeof s === 'string' || !s.actor || !s.by || times[i] === null) continue;
      const actor = record[s.actor] as string | null;
      if (actor === null || actor === s.by) continue;
      const name = (id: string) => ctx.org.departments.find((d) => d.id === id)?.name ?? id;
      return {
        department,
        charge: s.by,
        due: ctx.dueOnDayOf(times[i]!),
        evidence: times[i]!,
        violation: {
          status: 'wrong-actor',
          detail: [`${columnName(ob.records, s.actor)}为${name(actor)}，应为${name(s.by)}`],
          at: times[i]!,
        },
      };
    }
    if (!ob.due) {
      // Every step done, in order: met. A record still on its way is not judged yet.
      const last = times[n - 1]!;
      return last !== null ? { department, due: ctx.dueOnDayOf(last), evidence: last, met: true } : undefined;
    }
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    let due: DueDay;
    if (deadline.from === 'event') {
      if (times[0] === null) return undefined;
      due = ctx.dueAfter(deadline, times[0]!);
    } else {
      const period = record[fieldsOf(ob.records, 'period')[0]!] as Period | null;
      if (!period) return undefined;
      due = ctx.dueOn(periodDueDate(deadline, period));
    }
    // Missing or late, it lands on the desk of the first step not done by the end of the due day.
    let late = -1;
    for (let i = 0; i < n; i++)
      if (times[i] === null || times[i]! >= due.end) {
        late = i;
        break;
      }
    const evidence = record[fields[n - 1]!] as number | null;
    // Two literals rather than a spread: this is the return of every record judged by a deadline.
    const detail = lastStepName(ob, steps);
    return late > 0
      ? { department, charge: carrierAt(ob, steps, late, record, department), due, evidence, detail }
      : { department, due, evidence, detail };
  },
});
