// Record types the checker reads from exports: their canonical fields, the Chinese column
// names exports use, and which fields are timestamps. Obligations name these fields, so the
// schema can reject an obligation whose evidence field does not exist. Plain data with no zod, so
// the checker can read exports without loading the validation library (records.ts adds the
// records.yaml schema).

export interface RecordFieldSpec {
  /** Chinese column header as Chinese exports write it. */
  zh: string;
  kind: 'id' | 'department' | 'enum' | 'period' | 'timestamp' | 'text';
  required?: boolean;
  /** For `enum` fields: canonical value → Chinese spellings accepted. */
  values?: Record<string, readonly string[]>;
}

export const recordTypes = {
  plans: {
    label: '运营计划',
    key: 'plan_id',
    fields: {
      plan_id: { zh: '计划编号', kind: 'id', required: true },
      department: { zh: '部门', kind: 'department', required: true },
      level: {
        zh: '计划类型',
        kind: 'enum',
        required: true,
        values: { annual: ['年度', '年度计划', '年度运营计划'], quarterly: ['季度', '季度计划', '季度运营计划'], monthly: ['月度', '月度计划', '月度运营计划'] },
      },
      period: { zh: '计划期间', kind: 'period', required: true },
      submitted_at: { zh: '提交时间', kind: 'timestamp' },
      reviewed_at: { zh: '审核时间', kind: 'timestamp' },
      approved_at: { zh: '审批时间', kind: 'timestamp' },
      filed_at: { zh: '备案时间', kind: 'timestamp' },
      published_at: { zh: '发布时间', kind: 'timestamp' },
    },
  },
  meetings: {
    label: '会议',
    key: 'meeting_id',
    fields: {
      meeting_id: { zh: '会议编号', kind: 'id', required: true },
      type: {
        zh: '会议类型',
        kind: 'enum',
        required: true,
        values: { executive: ['高层管理会议'], department: ['部门会议'], project: ['项目会议'], special: ['专题会议'] },
      },
      title: { zh: '会议主题', kind: 'text' },
      organizer: { zh: '组织部门', kind: 'department', required: true },
      notice_sent_at: { zh: '通知时间', kind: 'timestamp' },
      start_at: { zh: '开始时间', kind: 'timestamp' },
      end_at: { zh: '结束时间', kind: 'timestamp', required: true },
      recorder: { zh: '记录人', kind: 'text' },
      minutes_filed_at: { zh: '纪要提交时间', kind: 'timestamp' },
      minutes_confirmed_at: { zh: '纪要确认时间', kind: 'timestamp' },
      minutes_published_at: { zh: '纪要发布时间', kind: 'timestamp' },
    },
  },
} as const satisfies Record<string, { label: string; key: string; fields: Record<string, RecordFieldSpec> }>;

export type RecordType = keyof typeof recordTypes;
export const recordTypeNames = Object.keys(recordTypes) as RecordType[];

export function fieldsOf(type: RecordType, kind?: RecordFieldSpec['kind']): string[] {
  const fields = recordTypes[type].fields as Record<string, RecordFieldSpec>;
  return Object.entries(fields)
    .filter(([, spec]) => !kind || spec.kind === kind)
    .map(([name]) => name);
}

/** Plan levels as records write them, mapped to the period an obligation recurs on. */
export const levelPeriod = { annual: 'year', quarterly: 'quarter', monthly: 'month' } as const;
