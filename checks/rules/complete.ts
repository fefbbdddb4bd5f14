// Rule `complete`: a record holds what the policy requires it to state (an adjustment request's
// reason, content and new schedule; a meeting's recorder; a decision's owner and due date). A
// record without one is `incomplete`, naming what it lacks. With `at`, only records dated in the
// window are judged; `when` limits it to records where a field has a value.
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { fieldZh } from '../../src/model/describe.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import { defineRule } from '../engine/rule.ts';
import { columnName, timestampField } from './options.ts';

/** The fields that date a record, remembered per obligation: asked once per record of a million-row export. */
const atsOf = new WeakMap<object, readonly string[]>();
function atFields(ob: { at?: string | string[] }): readonly string[] {
  let fields = atsOf.get(ob);
  if (!fields) atsOf.set(ob, (fields = ob.at === undefined ? [] : [ob.at].flat()));
  return fields;
}

export default defineRule({
  id: 'complete',
  kind: 'each',
  title: '内容齐全',
  docs:
    '记录必须填写 `require` 所列的各项（如调整申请的原因、内容和调整后的进度安排，会议的记录人，决议的责任部门、责任人和完成期限），缺少的为“内容不全”并列出缺少哪些。' +
    '记录以 `at` 所指的时间确定日期：检查窗口之外的、制度生效之前的不评判；`at` 列出几项时取第一个有值的（如决议取其会议的结束时间，没有再取完成期限），都没有的按检查日评判。给出 `when` 时只检查该项有值的记录（如已评估的风险须有等级）。',
  example: {
    obligation: `  - id: adjustment-request
    title: 计划调整申请写明调整原因、调整内容和调整后的进度安排
    who: { every: department }
    records: plan_adjustments
    rule: complete
    require: [reason, content, new_schedule]
    at: requested_at`,
    finding:
      '内容不全 OPS-03 计划调整申请写明调整原因、调整内容和调整后的进度安排 · ADJ-02 · 截止 2026-08-03 · 缺少调整后进度安排 计划调整.csv:3',
  },
  options: (z) => ({
    /** Fields that must have a value. */
    require: z.array(z.string()).min(1),
    /**
     * Timestamp field that dates the record (for the window, the version in force and the finding's
     * date): a record without it is not judged. Or several, the first with a value counting
     * (`[end_at, due_at]`: a decision by its meeting, else its due date), a record with none being
     * judged as of the check. Without `at` every record is judged, dated as of the check.
     */
    at: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** Only records where this field has a value. */
    when: z.string().optional(),
  }),
  validate: (ob) => [
    ...ob.require.flatMap((f, i) =>
      f in recordTypes[ob.records].fields
        ? []
        : [
            [
              ['require', String(i)],
              `${ob.records} records have no field "${f}", expected one of ${Object.keys(recordTypes[ob.records].fields).join(', ')}`,
            ] as [string[], string],
          ],
    ),
    ...[ob.at ?? []]
      .flat()
      .flatMap((f, i) => timestampField(ob, f, typeof ob.at === 'string' ? ['at'] : ['at', String(i)])),
    ...(ob.when && !(ob.when in recordTypes[ob.records].fields)
      ? [[['when'], `${ob.records} records have no field "${ob.when}"`] as [string[], string]]
      : []),
  ],
  statuses: {
    incomplete: {
      zh: '内容不全',
      means: '记录缺少制度要求写明的内容',
      todo: '在记录中补填缺少的内容',
      says: ({ fields }) => `缺少${fields}`,
    },
  },
  describe: (ob) => `须填写：${ob.require.map((f) => fieldZh(ob.records, f)).join('、')}`,
  grain: (ob) => `每条${recordTypes[ob.records].label}记录一项`,
  // Dating by the first of several: an export may have any of them (a record with none is judged as of the check).
  optionalFields: (ob) => (Array.isArray(ob.at) ? ob.at : []),
  fields: (ob) => [...ob.require, ...[ob.at ?? []].flat(), ...(ob.when ? [ob.when] : []), ...carrierFields(ob)],
  each(record, ob, ctx) {
    if (ob.when && record[ob.when] === null) return undefined;
    let at: number | null = null;
    const dating = atFields(ob);
    for (let i = 0; i < dating.length; i++) {
      at = record[dating[i]!] as number | null;
      if (at !== null) break;
    }
    if (typeof ob.at === 'string' && at === null) return undefined;
    if (at !== null && at >= ctx.asOfStart) return undefined;
    const absent = ob.require.filter((f) => record[f] === null);
    // A record that names no department (that may be what it lacks) is carried by the policy's owner.
    const department = carrierOfRecord(ob, record);
    const due = at === null ? { ...ctx.dueOn(ctx.asOf), inWindow: true } : ctx.dueOnDayOf(at);
    if (!absent.length) return { department, due, evidence: at, met: true };
    return {
      department,
      due,
      evidence: null,
      violation: { status: 'incomplete', detail: absent.map((f) => columnName(ob.records, f)), at },
    };
  },
});
