// An obligation is what a policy section requires, as data the checker evaluates: who carries
// it, which records evidence it, and the rule that judges it (`rule:`), with that rule's options.
// The common fields are defined here; each rule (checks/rules/<id>.ts) adds its own options and
// cross-checks, so the list of rules and what they accept is written once, in the rules. The
// rules are handed in by the layer above (`obligationSchema(rules)`): nothing here imports them.
// Due rules name a deadline in the organisation config; the numbers live there only.
import { z } from 'zod';
import { plainText } from './text.ts';
import { idSchema, type Organization } from './organization.ts';
import {
  enumValues,
  fieldsOf,
  recordTypeNames,
  recordTypes,
  type RecordType,
  type RecordFieldSpec,
} from './records.ts';

const WhoSchema = z.union([
  z
    .object({ /** Every department of kind `department` in the organisation config. */ every: z.literal('department') })
    .strict(),
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

/** The fields every obligation has, whatever its rule. */
export const obligationBase = {
  /**
   * Stable id, used in findings, e.g. `annual-plan`. An obligation with `match: { <field>: { each:
   * <parameter> } }` names the field in its id and title (`evaluation-{rater}`), and stands for one
   * obligation per value of the parameter (`evaluation-supervisor`, `evaluation-peer`).
   */
  id: z.union([idSchema, z.string().regex(/^[a-z][a-z0-9-]*\{[a-z_]+\}[a-z0-9-]*$/)], {
    error: 'expected a lowercase id of letters, digits and hyphens, e.g. "annual-plan"',
  }),
  /** What must be done, in plain Chinese, e.g. 提交下一年度运营计划. */
  title: plainText,
  /** The article it comes from, e.g. 第三章第（一）节第 1 条. */
  article: z.string().min(1),
  /** Heading anchor of that article on the policy page (for links from reports). */
  anchor: z.string().min(1).optional(),
  /**
   * The article's own words this obligation enforces, as the page writes them (e.g. 会议结束后，会议
   * 组织者应及时整理会议纪要): shown beside the requirement, and checked to occur in the page's text.
   */
  quote: plainText
    .refine((quote) => quote.replace(/……|\s/g, '').length >= 2, {
      error: 'quote at least two characters of the article\'s words ("……" alone quotes nothing)',
    })
    .optional(),
  /**
   * What the company set where the policy is silent (a report as the form of 定期 identification, a
   * department for an article that names none), in plain Chinese: the page and every finding say
   * the requirement is the company's setting, not the policy's words. An obligation with no article
   * behind it at all (a handbook rule) has this and no quote.
   */
  companySetting: plainText.optional(),
  who: WhoSchema,
  /** Record type that evidences the obligation. */
  records: z.enum(recordTypeNames as [RecordType, ...RecordType[]]),
  /**
   * Only records whose fields have these canonical values: one (`{ level: annual }`), any of a list
   * (`{ type: [executive, department] }`), or at least a configured one in the field's order
   * (`{ level: { atLeast: risk-response-level } }`, a parameter in the organisation config), or one
   * obligation per value a list parameter names (`{ rater: { each: required-raters } }`: the raters
   * the company requires, each its own obligation; see `id`).
   */
  match: z
    .record(
      z.string(),
      z.union([
        z.string(),
        z.array(z.string()).min(1),
        z.object({ atLeast: idSchema }).strict(),
        z.object({ each: idSchema }).strict(),
      ]),
    )
    .default({}),
  /** From proposed text (a <Proposal> block): shown with the page, not enforced until adopted. */
  proposal: z.boolean().default(false),
};

export type ObligationBase = z.output<z.ZodObject<typeof obligationBase>>;

/**
 * What the schema needs of a rule: its id, the options it adds (built with the zod passed in, so
 * that a rule module never loads zod itself) and its cross-checks as [path, message] pairs.
 */
export interface ObligationRuleSpec {
  id: string;
  options: (zod: typeof z) => z.ZodRawShape;
  // biome-ignore lint/suspicious/noExplicitAny: each rule validates its own option shape.
  validate?: (ob: any, org: Organization) => [string[], string][];
}

/**
 * An obligation as the schema outputs it, whatever its rule: the common fields, the rule's id and
 * its options. The checker's registry types the options per rule (checks/rules/index.ts).
 */
export type Obligation = ObligationBase & { rule: string } & { readonly [option: string]: unknown };

/** One object schema per rule, told apart by `rule:`. */
export function obligationSchema(rules: readonly ObligationRuleSpec[]): z.ZodType<Obligation> {
  const ids = rules.map((r) => r.id);
  return z.discriminatedUnion(
    'rule',
    rules.map((rule) =>
      z
        .object({
          ...obligationBase,
          /** The rule that evaluates it: a file in checks/rules/, documented on the checker reference page. */
          rule: z.literal(rule.id),
          ...rule.options(z),
        })
        .strict(),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `unknown rule ${JSON.stringify((issue.input as { rule?: unknown })?.rule)}, expected one of ${ids.join(', ')}`
          : undefined,
    },
  ) as unknown as z.ZodType<Obligation>;
}

/** Where an obligation copied per value of a list parameter came from (`match: { field: { each } }`). */
export interface EachSetting {
  field: string;
  parameter: string;
}

/**
 * The obligations as the checker and the pages see them: one with `match: { <field>: { each:
 * <parameter> } }` becomes one obligation per value the parameter lists, its `{<field>}` in id and
 * title replaced by the value and the value's Chinese name (`evaluation-{rater}` → `evaluation-peer`,
 * 每个评估周期都有{rater}评估 → 每个评估周期都有同事评估), and `setting` saying where the list is.
 * A company changes which raters it requires in its config; the page and the checker follow.
 */
export function expandObligations<T extends Obligation>(
  obligations: T[],
  org: Organization,
  ctx: z.RefinementCtx,
): (T & { setting?: EachSetting })[] {
  return obligations.flatMap((ob, i) => {
    const issue = (where: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path: [i, ...where], message });
    const each = Object.entries(ob.match).filter(
      (e): e is [string, { each: string }] => typeof e[1] === 'object' && e[1] !== null && 'each' in e[1],
    );
    const placeholders = [...`${ob.id} ${ob.title}`.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
    if (!each.length) {
      if (placeholders.length)
        issue(['id'], `"{${placeholders[0]}}" needs match: { ${placeholders[0]}: { each: <parameter> } }`);
      return [ob];
    }
    if (each.length > 1) {
      issue(['match'], 'only one field may have "each"');
      return [];
    }
    const [field, { each: name }] = each[0]!;
    const param = org.parameters[name];
    const values = enumValues(ob.records, field, org);
    if (!param || !Array.isArray(param.value)) {
      issue(
        ['match', field, 'each'],
        param
          ? `parameter "${name}" is "${param.value}"; each needs a list, e.g. value: [supervisor, peer]`
          : `no parameter "${name}" in the organisation config (content/organization.yaml), expected one of ${Object.keys(org.parameters).join(', ')}`,
      );
      return [];
    }
    if (!values) {
      issue(['match', field, 'each'], `"${field}" is not an enum field of ${ob.records} records`);
      return [];
    }
    for (const where of ['id', 'title'] as const)
      if (!ob[where].includes(`{${field}}`))
        issue([where], `write {${field}} in the ${where}, so that each copy has its own ${where}`);
    const unknown = param.value.filter((v) => !(v in values));
    if (unknown.length) {
      issue(
        ['match', field, 'each'],
        `parameter "${name}" lists ${unknown.map((v) => `"${v}"`).join(', ')}, not values of ${field}; expected ${Object.keys(values).join(', ')}`,
      );
      return [];
    }
    return param.value.map((value) => ({
      ...ob,
      id: ob.id.replace(`{${field}}`, value),
      title: ob.title.replace(`{${field}}`, values[value]![0]!),
      match: { ...ob.match, [field]: value },
      setting: { field, parameter: name },
    }));
  });
}

/** Cross-checks an obligation against the organisation config and the record types. */
export function refineObligation(
  ob: Obligation,
  org: Organization,
  ctx: z.RefinementCtx,
  path: (string | number)[],
  rules: readonly ObligationRuleSpec[],
) {
  const issue = (where: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: [...path, ...where], message });
  const type = recordTypes[ob.records];
  if (!type) return;
  const fields = type.fields as Record<string, RecordFieldSpec>;
  for (const [field, want] of Object.entries(ob.match ?? {})) {
    const spec = fields[field];
    if (!spec) {
      issue(
        ['match', field],
        `${ob.records} records have no field "${field}", expected one of ${Object.keys(fields).join(', ')}`,
      );
      continue;
    }
    const values = typeof want === 'string' ? [want] : Array.isArray(want) ? want : undefined;
    const known = enumValues(ob.records, field, org);
    for (const value of values ?? [])
      if (known && !(value in known))
        issue(['match', field], `unknown value "${value}", expected one of ${Object.keys(known).join(', ')}`);
    if (values === undefined && typeof want === 'object' && !Array.isArray(want) && 'atLeast' in want) {
      const param = org.parameters[want.atLeast];
      if (!spec.values)
        issue(
          ['match', field, 'atLeast'],
          `"${field}" has no order of values; atLeast needs an enum field such as a risk level`,
        );
      else if (!param)
        issue(
          ['match', field, 'atLeast'],
          `no parameter "${want.atLeast}" in the organisation config (content/organization.yaml), expected one of ${Object.keys(org.parameters).join(', ')}`,
        );
      else if (!(String(param.value) in spec.values))
        issue(
          ['match', field, 'atLeast'],
          `parameter "${want.atLeast}" is "${param.value}", which is not a value of ${field}; expected one of ${Object.keys(spec.values).join(', ')}`,
        );
    }
  }
  const deptIds = org.departments.map((d) => d.id);
  if ('department' in ob.who && !deptIds.includes(ob.who.department))
    issue(['who', 'department'], `unknown department "${ob.who.department}", expected one of ${deptIds.join(', ')}`);
  if ('role' in ob.who) {
    const roleIds = org.roles.map((r) => r.id);
    if (!roleIds.includes(ob.who.role))
      issue(['who', 'role'], `unknown role "${ob.who.role}", expected one of ${roleIds.join(', ')}`);
    const deptFields = fieldsOf(ob.records, 'department');
    if (!deptFields.includes(ob.who.field))
      issue(
        ['who', 'field'],
        `"${ob.who.field}" is not a department field of ${ob.records} records, expected one of ${deptFields.join(', ')}`,
      );
  }
  const rule = rules.find((r) => r.id === ob.rule);
  for (const [where, message] of rule?.validate?.(ob, org) ?? []) issue(where, message);
}
