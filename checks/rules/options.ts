// What several rules' options share: the id pattern and the cross-checks of timestamp fields and
// deadlines. Plain functions: zod is passed in by the schema module, so the checker never loads it
// (checks/engine/rule.ts).
import type { z } from 'zod';
import type { ObligationBase, Organization } from '../../src/schema/index.ts';
import { fieldsOf, type RecordType, recordTypeNames, recordTypes } from '../../src/schema/record-types.ts';

/** A field's column name as Chinese exports write it (计划类型), for a finding's detail. */
export const columnName = (records: string, field: string) =>
  (recordTypes as Record<string, { fields: Record<string, { zh: string }> }>)[records]?.fields[field]?.zh ?? field;

/** The id pattern of the organisation config (departments, deadlines). */
export const idOf = (zod: typeof z) =>
  zod
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id of letters, digits and hyphens, e.g. "meeting-minutes"');

/** A roster whose members carry an obligation, each while on it (periodic evaluations, acknowledgements). */
export const rosterOf = (zod: typeof z) =>
  zod
    .object({
      /** Record type of the roster, e.g. `employees`. */
      records: zod.enum(recordTypeNames as [RecordType, ...RecordType[]]),
      /** Field of the obligation's records naming the member, e.g. `employee_id`. */
      link: zod.string(),
      /** Roster fields bounding membership: from (e.g. `hired_on`) and to (e.g. `left_on`). */
      from: zod.string().optional(),
      to: zod.string().optional(),
    })
    .strict();

/** Why a record naming someone not on the roster cannot be judged (an Unanswered's reason): 员工编号不在员工名册上. */
export const notOnRoster = (records: string, roster: z.output<ReturnType<typeof rosterOf>>) =>
  `${columnName(records, roster.link)}不在${recordTypes[roster.records].label}名册上`;

/** What a group rule reads of its roster: the member's id, department and the bounds of membership. */
export const rosterRead = (roster: z.output<ReturnType<typeof rosterOf>>) => ({
  records: roster.records,
  fields: [
    recordTypes[roster.records].key,
    fieldsOf(roster.records, 'department')[0]!,
    ...(roster.from ? [roster.from] : []),
    ...(roster.to ? [roster.to] : []),
  ],
});

type Problems = [string[], string][];

export function timestampField(ob: Pick<ObligationBase, 'records'>, field: string, path: string[]): Problems {
  const timestamps = fieldsOf(ob.records, 'timestamp');
  return timestamps.includes(field)
    ? []
    : [[path, `"${field}" is not a timestamp of ${ob.records} records, expected one of ${timestamps.join(', ')}`]];
}

export function numberField(ob: Pick<ObligationBase, 'records'>, field: string, path: string[]): Problems {
  const numbers = fieldsOf(ob.records, 'number');
  return numbers.includes(field)
    ? []
    : [
        [
          path,
          `"${field}" is not a number field of ${ob.records} records, expected one of ${numbers.join(', ') || '(none)'}`,
        ],
      ];
}

/** The deadline exists and counts from what the rule counts from: an event, or a period (its start or end). */
export function deadlineFrom(org: Organization, key: string, from: 'event' | 'period'): Problems {
  const deadline = org.deadlines[key];
  if (!deadline)
    return [
      [
        ['due', 'deadline'],
        `no deadline "${key}" in the organisation config (content/organization.yaml), expected one of ${Object.keys(org.deadlines).join(', ')}`,
      ],
    ];
  if ((from === 'event') === (deadline.from === 'event')) return [];
  return [
    [
      ['due', 'deadline'],
      from === 'event'
        ? `deadline "${key}" is counted from a period; this rule needs one with from: event`
        : `deadline "${key}" is counted from an event; this rule needs one with from: period-start or period-end`,
    ],
  ];
}
