// The organisation config (content/organization.yaml): departments, roles, deadlines and other
// parameters the policy text leaves blank. Everything that names a department or a deadline
// reads it from here.
import { z } from 'zod';
import { recordTypes, type RecordFieldSpec } from './record-types.ts';

export const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and hyphens, e.g. "customer-service"');

/**
 * A department's name or alias, as exports write it: no space at either end, where it would be
 * invisible in the config and make two names that look alike (销售部, "销售部 ") name two departments.
 */
const departmentName = z
  .string()
  .min(1)
  .refine((name) => name.trim() === name, {
    error: (issue) => `"${String(issue.input)}" has a space at its start or end: delete it`,
  });

export const DepartmentSchema = z
  .object({
    /** Stable id used in frontmatter, process lanes and reports, e.g. `sales`. */
    id: idSchema,
    /** Chinese name as the handbook shows it, e.g. 销售部. */
    name: departmentName,
    /** English name, e.g. Sales. */
    nameEn: departmentName,
    /** Other spellings found in exported records, e.g. 销售部门. Matched case-insensitively. */
    aliases: z.array(departmentName).default([]),
    /**
     * `department` (default) carries obligations addressed to every department;
     * `body` (e.g. the executive team) approves and files but carries none of those.
     */
    kind: z.enum(['department', 'body']).default('department'),
    /** The GitHub team that reviews changes to the policies it owns, e.g. `@example-co/operations` (CODEOWNERS is made from it). */
    team: z
      .string()
      .regex(/^@[\w.-]+(\/[\w.-]+)?$/, 'expected a GitHub user or team, e.g. "@example-co/operations"')
      .optional(),
    /** Its duties as chapter 2 of the policy states them, one sentence each: chapter 2 and the department page both show these. */
    duties: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const RoleSchema = z
  .object({
    /** Stable id, e.g. `meeting-organizer`. */
    id: idSchema,
    name: z.string().min(1),
    nameEn: z.string().min(1),
  })
  .strict();

/** A calendar offset: the due date of a period or an event. */
export const DeadlineSchema = z
  .object({
    /** What the deadline is for, in Chinese, e.g. 年度运营计划提交截止. */
    label: z.string().min(1),
    /**
     * `period-start`: counted from the first day of the period (plans due before their period);
     * `period-end`: from its last day (reports and evaluations due after it);
     * `event`: from the calendar day of a record's timestamp (minutes after a meeting).
     */
    from: z.enum(['period-start', 'period-end', 'event']),
    /** Months to add first (negative: before). Default 0. */
    months: z.number().int().default(0),
    /** Days to add after the months (negative: before). Default 0. */
    days: z.number().int().default(0),
  })
  .strict();

export const ParameterSchema = z
  .object({
    label: z.string().min(1),
    /** One value (a period unit, a risk level, a number) or a list (the raters every employee must have). */
    value: z.union([z.string(), z.number(), z.array(z.string().min(1)).min(1)]),
    /**
     * For a list: the record field whose values it names, as `<record type>.<field>` (e.g.
     * `evaluations.rater`), so that pages show each value's Chinese name and the schema can check them.
     */
    of: z.string().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.of === undefined) return;
    const [records, field] = p.of.split('.');
    const spec = (recordTypes as Record<string, { fields: Record<string, RecordFieldSpec> }>)[records ?? '']?.fields[
      field ?? ''
    ];
    if (!spec?.values) {
      ctx.addIssue({
        code: 'custom',
        path: ['of'],
        message: `"${p.of}" is no enum field; expected <record type>.<field>, e.g. evaluations.rater`,
      });
      return;
    }
    for (const value of Array.isArray(p.value) ? p.value : [String(p.value)])
      if (!(value in spec.values))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `"${value}" is not a value of ${p.of}; expected one of ${Object.keys(spec.values).join(', ')}`,
        });
  });

/**
 * Whether an address is a stand-in that ships with the handbook: a host under the names reserved
 * for examples (RFC 2606: example.com, example.org, example.net). The site leaves out links to it.
 */
export function isExampleAddress(url: string): boolean {
  return /(^|\.)example\.(com|org|net)$/i.test(new URL(url).hostname);
}

export const HandbookSchema = z
  .object({
    /** Where the handbook is published; reports link to policy sections under it. */
    url: z.url(),
    /** Base URL for "编辑此页" links: the repository's web editor at the root of the default branch. While it is an example.com address, the pages show no such link. */
    editBase: z.url(),
    /** Days between scheduled compliance reports (the workflow's cron): a page whose report is older says so. Default 7. */
    reportEveryDays: z.number().int().positive().default(7),
    /**
     * Where and how staff confirm they have read a policy, as the pages tell them (the 确认 record's
     * columns come from its record type). `url` opens the place; an example.com address shows no link.
     */
    acknowledge: z
      .object({ how: z.string().min(1), url: z.url().optional() })
      .strict()
      .optional(),
  })
  .strict();

/** The platforms whose approvals the checker reads (checks/read/approvals/). */
export const approvalPlatforms = ['feishu', 'dingtalk', 'wecom'] as const;

/**
 * An approval template of 飞书, 钉钉 or 企业微信 whose instances are records: which record type,
 * which form fields are which record fields, which approval nodes are which step times.
 */
export const SourceSchema = z
  .object({
    platform: z.enum(approvalPlatforms),
    /** The template's name as the platform writes it (钉钉: its default title ends 提交的<模板名>). */
    template: z.string().min(1),
    /** The template's code instead of its name: 飞书 approval_code, 钉钉 processCode, 企业微信 template_id. */
    code: z.string().min(1).optional(),
    /** The record type its instances become. */
    records: z.string(),
    /** Form fields by their label → record fields; the record's id among them, else the platform's serial. */
    fields: z.record(z.string().min(1), z.string()).default({}),
    /** Approval nodes by name (企业微信: "1", "2"… by position) → the record's step time fields. */
    steps: z.record(z.string().min(1), z.string()).default({}),
    /** The initiator's department as the platform's department id → a department of this config. */
    departments: z.record(z.string().min(1), z.string()).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const type = (recordTypes as Record<string, { fields: Record<string, RecordFieldSpec> }>)[s.records];
    if (!type) {
      ctx.addIssue({
        code: 'custom',
        path: ['records'],
        message: `"${s.records}" is no record type; expected one of ${Object.keys(recordTypes).join(', ')}`,
      });
      return;
    }
    const fields = Object.keys(type.fields);
    for (const [label, field] of Object.entries(s.fields))
      if (!type.fields[field])
        ctx.addIssue({
          code: 'custom',
          path: ['fields', label],
          message: `"${field}" is no field of ${s.records} records; expected one of ${fields.join(', ')}`,
        });
    const times = fields.filter((f) => type.fields[f]!.kind === 'timestamp');
    for (const [node, field] of Object.entries(s.steps))
      if (!times.includes(field))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', node],
          message: `"${field}" is no time field of ${s.records} records; expected one of ${times.join(', ')}`,
        });
  });

export type Source = z.output<typeof SourceSchema>;

export const OrganizationSchema = z
  .object({
    /** Company name shown in the site title. */
    name: z.string().min(1),
    handbook: HandbookSchema,
    /** IANA time zone in which deadlines end and timestamps without an offset are read. */
    timeZone: z.string().refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'expected an IANA time zone such as "Asia/Shanghai"' },
    ),
    departments: z.array(DepartmentSchema).min(1),
    roles: z.array(RoleSchema).default([]),
    /** Named deadlines that obligations refer to by key. */
    deadlines: z.record(idSchema, DeadlineSchema),
    /** Named values that pages render with the <Param> component. */
    parameters: z.record(idSchema, ParameterSchema).default({}),
    /**
     * The kinds of periodic report the policies ask for: id → how exports write it (the first is its
     * name). A new kind of report is a line here and an obligation on its page; without this key the
     * built-in list applies (src/schema/record-types.ts).
     */
    reportTypes: z.record(idSchema, z.array(z.string().min(1)).min(1)).optional(),
    /** Approval templates of 飞书, 钉钉 and 企业微信 read as records (checks/read/approvals/). */
    sources: z.array(SourceSchema).default([]),
  })
  .strict()
  .superRefine((org, ctx) => {
    // Two entries for one template (by name or code) would read its instances by whichever came first.
    const templates = new Map<string, number>();
    org.sources.forEach((s, i) => {
      for (const key of [
        `${s.platform}\u0000name\u0000${s.template}`,
        ...(s.code ? [`${s.platform}\u0000code\u0000${s.code}`] : []),
      ]) {
        const other = templates.get(key);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, key.includes('\u0000code\u0000') ? 'code' : 'template'],
            message: `sources.${other} already maps this ${s.platform} template; one entry per template`,
          });
        else templates.set(key, i);
      }
      for (const [id, dept] of Object.entries(s.departments ?? {}))
        if (!org.departments.some((d) => d.id === dept))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, 'departments', id],
            message: `"${dept}" is no department; expected one of ${org.departments.map((d) => d.id).join(', ')}`,
          });
    });
    const seen = new Map<string, string>();
    org.departments.forEach((d, i) => {
      for (const name of [d.id, d.name, d.nameEn, ...d.aliases]) {
        const key = name.trim().toLowerCase();
        const other = seen.get(key);
        if (other && other !== d.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['departments', i],
            message: `"${name}" names both "${other}" and "${d.id}"; a name or alias must identify one department`,
          });
        }
        seen.set(key, d.id);
      }
    });
    const deptIds = new Set(org.departments.map((d) => d.id));
    org.roles.forEach((r, i) => {
      if (deptIds.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['roles', i, 'id'],
          message: `role id "${r.id}" is also a department id; choose another`,
        });
    });
  });

export type Organization = z.output<typeof OrganizationSchema>;
export type Department = z.output<typeof DepartmentSchema>;
export type Role = z.output<typeof RoleSchema>;
export type Deadline = z.output<typeof DeadlineSchema>;
