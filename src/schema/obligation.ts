// An obligation is what a policy section requires, as data the checker evaluates:
// who carries it, which records evidence it, which timestamp counts and when it is due.
// Due rules name a deadline in the organisation config; the numbers live there only.
import { z } from 'zod';
import { idSchema, type Organization } from './organization.ts';
import { fieldsOf, recordTypeNames, recordTypes, type RecordType, type RecordFieldSpec } from './records.ts';

const WhoSchema = z.union([
  z.object({ /** Every department of kind `department` in the organisation config. */ every: z.literal('department') }).strict(),
  z.object({ /** One department by id. */ department: idSchema }).strict(),
  z
    .object({
      /** A role from the organisation config, e.g. `meeting-organizer`. */
      role: idSchema,
      /** The record field naming the department that plays the role, e.g. `organizer`. */
      field: z.string(),
    })
    .strict(),
]);

const DueSchema = z.union([
  z
    .object({
      /** Periodic: one instance per year, quarter or month (the record's `period`). */
      every: z.enum(['year', 'quarter', 'month']),
      /** Key of a `from: period-start` deadline in the organisation config. */
      deadline: idSchema,
    })
    .strict(),
  z
    .object({
      /** Triggered: one instance per record, counted from this timestamp field. */
      after: z.string(),
      /** Key of a `from: event` deadline in the organisation config. */
      deadline: idSchema,
    })
    .strict(),
]);

export const ObligationShape = z
  .object({
    /** Stable id, used in findings, e.g. `annual-plan`. */
    id: idSchema,
    /** What must be done, in plain Chinese, e.g. 提交下一年度运营计划. */
    title: z.string().min(1),
    /** The article it comes from, e.g. 第三章第（一）节第 1 条. */
    article: z.string().min(1),
    /** Heading anchor of that article on the policy page (for links from reports). */
    anchor: z.string().min(1).optional(),
    who: WhoSchema,
    /** Record type that evidences the obligation. */
    records: z.enum(recordTypeNames as [RecordType, ...RecordType[]]),
    /** Only records whose fields equal these canonical values, e.g. `{ level: annual }`. */
    match: z.record(z.string(), z.string()).default({}),
    /** Timestamp field that proves the obligation was met, e.g. `submitted_at`. */
    evidence: z.string(),
    due: DueSchema,
  })
  .strict();

export type Obligation = z.output<typeof ObligationShape>;

/** Cross-checks an obligation against the organisation config and the record types. */
export function refineObligation(ob: Obligation, org: Organization, ctx: z.RefinementCtx, path: (string | number)[]) {
  const issue = (where: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: [...path, ...where], message });
  const type = recordTypes[ob.records];
  const fields = type.fields as Record<string, RecordFieldSpec>;
  const timestamps = fieldsOf(ob.records, 'timestamp');
  if (!timestamps.includes(ob.evidence))
    issue(['evidence'], `"${ob.evidence}" is not a timestamp of ${ob.records} records, expected one of ${timestamps.join(', ')}`);
  for (const [field, value] of Object.entries(ob.match)) {
    const spec = fields[field];
    if (!spec) issue(['match', field], `${ob.records} records have no field "${field}", expected one of ${Object.keys(fields).join(', ')}`);
    else if (spec.values && !(value in spec.values))
      issue(['match', field], `unknown value "${value}", expected one of ${Object.keys(spec.values).join(', ')}`);
  }
  const deptIds = org.departments.map((d) => d.id);
  if ('department' in ob.who && !deptIds.includes(ob.who.department))
    issue(['who', 'department'], `unknown department "${ob.who.department}", expected one of ${deptIds.join(', ')}`);
  if ('role' in ob.who) {
    const roleIds = org.roles.map((r) => r.id);
    if (!roleIds.includes(ob.who.role)) issue(['who', 'role'], `unknown role "${ob.who.role}", expected one of ${roleIds.join(', ')}`);
    const deptFields = fieldsOf(ob.records, 'department');
    if (!deptFields.includes(ob.who.field))
      issue(['who', 'field'], `"${ob.who.field}" is not a department field of ${ob.records} records, expected one of ${deptFields.join(', ')}`);
  }
  const deadline = org.deadlines[ob.due.deadline];
  const known = Object.keys(org.deadlines).join(', ');
  if (!deadline) {
    issue(['due', 'deadline'], `no deadline "${ob.due.deadline}" in the organisation config (content/organization.yaml), expected one of ${known}`);
  } else if ('every' in ob.due && deadline.from !== 'period-start') {
    issue(['due', 'deadline'], `deadline "${ob.due.deadline}" is counted from an event; a periodic obligation needs one with from: period-start`);
  } else if ('after' in ob.due && deadline.from !== 'event') {
    issue(['due', 'deadline'], `deadline "${ob.due.deadline}" is counted from a period; an event obligation needs one with from: event`);
  }
  if ('after' in ob.due && !timestamps.includes(ob.due.after))
    issue(['due', 'after'], `"${ob.due.after}" is not a timestamp of ${ob.records} records, expected one of ${timestamps.join(', ')}`);
  if ('every' in ob.due && !('period' in fields))
    issue(['due', 'every'], `${ob.records} records have no period; use "after: <timestamp field>" instead`);
}
