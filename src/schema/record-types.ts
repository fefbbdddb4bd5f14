// Record types the checker reads from exports: their canonical fields, the Chinese column
// names exports use, and which fields are timestamps. Obligations name these fields, so the
// schema can reject an obligation whose evidence field does not exist. Plain data with no zod, so
// the checker can read exports without loading the validation library (records.ts adds the
// records.yaml schema).

export interface RecordFieldSpec {
  /** Chinese column header as Chinese exports write it. */
  zh: string;
  kind: 'id' | 'department' | 'enum' | 'period' | 'timestamp' | 'number' | 'version' | 'text';
  required?: boolean;
  /** For `enum` fields: canonical value → Chinese spellings accepted, in ascending order where order means something (risk levels). */
  values?: Record<string, readonly string[]>;
  /**
   * For `enum` fields the policy lists as open (a list ending in 等): a value not among `values`
   * is accepted as written rather than rejected.
   */
  open?: boolean;
  /**
   * For `enum` fields whose values the company keeps in its organisation config (report types):
   * the config key holding them; `values` are the defaults when the config has none.
   */
  valuesFrom?: 'reportTypes';
  /** For `period` fields: the enum field whose value fixes the period's unit (a plan's level). */
  unitFrom?: string;
  /**
   * Where a record leaves this field empty (or its export has no such column): the same field of
   * the linked record, the one of type `records` whose id is this record's `via` value. A decision
   * names its meeting; the meeting names its organiser.
   */
  link?: { records: string; via: string };
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
        values: {
          annual: ['年度', '年度计划', '年度运营计划'],
          quarterly: ['季度', '季度计划', '季度运营计划'],
          monthly: ['月度', '月度计划', '月度运营计划'],
        },
      },
      period: { zh: '计划期间', kind: 'period', required: true, unitFrom: 'level' },
      submitted_at: { zh: '提交时间', kind: 'timestamp' },
      reviewed_at: { zh: '审核时间', kind: 'timestamp' },
      reviewed_by: { zh: '审核部门', kind: 'department' },
      approved_at: { zh: '审批时间', kind: 'timestamp' },
      approved_by: { zh: '审批部门', kind: 'department' },
      filed_at: { zh: '备案时间', kind: 'timestamp' },
      published_at: { zh: '发布时间', kind: 'timestamp' },
    },
  },
  plan_adjustments: {
    label: '计划调整',
    key: 'adjustment_id',
    fields: {
      adjustment_id: { zh: '调整编号', kind: 'id', required: true },
      plan_id: { zh: '计划编号', kind: 'text' },
      department: { zh: '部门', kind: 'department', required: true },
      reason: { zh: '调整原因', kind: 'text' },
      content: { zh: '调整内容', kind: 'text' },
      new_schedule: { zh: '调整后进度安排', kind: 'text' },
      requested_at: { zh: '申请时间', kind: 'timestamp', required: true },
      reviewed_at: { zh: '审核时间', kind: 'timestamp' },
      reviewed_by: { zh: '审核部门', kind: 'department' },
      approved_at: { zh: '审批时间', kind: 'timestamp' },
      approved_by: { zh: '审批部门', kind: 'department' },
      implemented_at: { zh: '实施时间', kind: 'timestamp' },
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
        // 第八章（一）第 1 条：“高层管理会议、部门会议、项目会议、专题会议等”: the list is open.
        open: true,
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
  decisions: {
    label: '会议决议',
    key: 'decision_id',
    fields: {
      decision_id: { zh: '决议编号', kind: 'id', required: true },
      meeting_id: { zh: '会议编号', kind: 'text' },
      content: { zh: '决议内容', kind: 'text' },
      department: { zh: '责任部门', kind: 'department' },
      /**
       * The meeting's organiser: the minutes, and so the decisions they record, are theirs (8(三)2–3).
       * A decisions export without it names the meeting, and the meetings export names its organiser.
       */
      organizer: { zh: '组织部门', kind: 'department', link: { records: 'meetings', via: 'meeting_id' } },
      /** When the meeting that took the decision ended (from the meeting, like its organiser): dates the decision. */
      end_at: { zh: '会议结束时间', kind: 'timestamp', link: { records: 'meetings', via: 'meeting_id' } },
      owner: { zh: '责任人', kind: 'text' },
      due_at: { zh: '完成期限', kind: 'timestamp' },
      completed_at: { zh: '完成时间', kind: 'timestamp' },
      checked_at: { zh: '核查时间', kind: 'timestamp' },
    },
  },
  risks: {
    label: '风险',
    key: 'risk_id',
    fields: {
      risk_id: { zh: '风险编号', kind: 'id', required: true },
      category: {
        zh: '风险类别',
        kind: 'enum',
        required: true,
        values: {
          market: ['市场风险', '市场'],
          financial: ['财务风险', '财务'],
          legal: ['法律风险', '法律'],
          hr: ['人力资源风险', '人力资源', '人事'],
        },
        // 第五章（一）第 2 条：“市场风险、财务风险、法律风险、人力资源风险等”: the list is open.
        open: true,
      },
      department: { zh: '责任部门', kind: 'department', required: true },
      identified_at: { zh: '识别时间', kind: 'timestamp', required: true },
      assessed_at: { zh: '评估时间', kind: 'timestamp' },
      level: {
        zh: '风险等级',
        kind: 'enum',
        values: { low: ['低', '低风险'], medium: ['中', '中等', '中风险'], high: ['高', '高风险'] },
      },
      /** 5(一)3: the assessment states the risk's level and its impact (较大, 重大, or in the company's words). */
      impact: { zh: '影响程度', kind: 'text' },
      response: {
        zh: '应对策略',
        kind: 'enum',
        values: {
          avoid: ['规避', '风险规避'],
          reduce: ['降低', '风险降低'],
          transfer: ['转移', '风险转移'],
          accept: ['接受', '风险接受'],
        },
        // 第五章（二）第 2 条：“风险规避、风险降低、风险转移、风险接受等”: the list is open.
        open: true,
      },
      response_at: { zh: '措施制定时间', kind: 'timestamp' },
      indicator: { zh: '预警指标', kind: 'text' },
      value: { zh: '指标值', kind: 'number' },
      threshold: { zh: '预警值', kind: 'number' },
      reached_at: { zh: '达到预警值时间', kind: 'timestamp' },
      alerted_at: { zh: '预警时间', kind: 'timestamp' },
    },
  },
  reports: {
    label: '定期报告',
    key: 'report_id',
    fields: {
      report_id: { zh: '报告编号', kind: 'id', required: true },
      type: {
        zh: '报告类型',
        kind: 'enum',
        required: true,
        // The company's list (content/organization.yaml: reportTypes); these are its defaults.
        valuesFrom: 'reportTypes',
        values: {
          'risk-assessment': ['风险识别与评估', '风险评估报告'],
          'risk-monitoring': ['风险监控', '风险监控报告'],
          information: ['信息报送', '信息报告'],
          'process-review': ['流程评审', '流程评审报告'],
          archiving: ['文档归档', '归档报告'],
        },
      },
      department: { zh: '部门', kind: 'department', required: true },
      period: { zh: '报告期间', kind: 'period', required: true },
      submitted_at: { zh: '提交时间', kind: 'timestamp' },
    },
  },
  employees: {
    label: '员工',
    key: 'employee_id',
    fields: {
      employee_id: { zh: '员工编号', kind: 'id', required: true },
      name: { zh: '姓名', kind: 'text' },
      department: { zh: '部门', kind: 'department', required: true },
      hired_on: { zh: '入职日期', kind: 'timestamp' },
      left_on: { zh: '离职日期', kind: 'timestamp' },
    },
  },
  acknowledgements: {
    label: '制度确认',
    key: 'acknowledgement_id',
    fields: {
      acknowledgement_id: { zh: '确认编号', kind: 'id' },
      employee_id: { zh: '员工编号', kind: 'text', required: true },
      department: { zh: '部门', kind: 'department' },
      policy: { zh: '制度编号', kind: 'text', required: true },
      version: { zh: '版本', kind: 'version', required: true },
      acknowledged_at: { zh: '确认时间', kind: 'timestamp', required: true },
    },
  },
  evaluations: {
    label: '绩效评估',
    key: 'evaluation_id',
    fields: {
      evaluation_id: { zh: '评估编号', kind: 'id', required: true },
      employee_id: { zh: '员工编号', kind: 'text', required: true },
      department: { zh: '部门', kind: 'department', required: true },
      cycle: { zh: '评估周期', kind: 'period', required: true },
      rater: {
        zh: '评估人类型',
        kind: 'enum',
        required: true,
        // The policy's own words (上级评估 …) as well as the short ones exports use.
        values: {
          supervisor: ['上级', '上级评估'],
          peer: ['同事', '同事评估'],
          self: ['自我', '自评', '自我评估'],
          customer: ['客户', '客户评估'],
        },
        // 第六章（二）第 2 条：“上级评估、同事评估、自我评估、客户评估等多种方式”: the list is open.
        open: true,
      },
      evaluated_at: { zh: '评估时间', kind: 'timestamp' },
      feedback_at: { zh: '反馈时间', kind: 'timestamp' },
    },
  },
  documents: {
    label: '文档',
    key: 'document_id',
    fields: {
      document_id: { zh: '文档编号', kind: 'id', required: true },
      title: { zh: '文档名称', kind: 'text' },
      department: { zh: '部门', kind: 'department', required: true },
      drafted_at: { zh: '起草时间', kind: 'timestamp' },
      reviewed_at: { zh: '审核时间', kind: 'timestamp' },
      approved_at: { zh: '批准时间', kind: 'timestamp' },
      published_at: { zh: '发布时间', kind: 'timestamp' },
    },
  },
  borrowings: {
    label: '文档借阅',
    key: 'borrowing_id',
    fields: {
      borrowing_id: { zh: '借阅编号', kind: 'id', required: true },
      document_id: { zh: '文档编号', kind: 'text' },
      borrower: { zh: '借阅人', kind: 'text' },
      department: { zh: '部门', kind: 'department', required: true },
      requested_at: { zh: '申请时间', kind: 'timestamp' },
      approved_at: { zh: '审批时间', kind: 'timestamp' },
      lent_at: { zh: '借出时间', kind: 'timestamp' },
      due_back: { zh: '应还日期', kind: 'timestamp' },
      returned_at: { zh: '归还时间', kind: 'timestamp' },
    },
  },
  process_changes: {
    label: '流程变更',
    key: 'change_id',
    fields: {
      change_id: { zh: '变更编号', kind: 'id', required: true },
      process: { zh: '流程名称', kind: 'text' },
      department: { zh: '部门', kind: 'department', required: true },
      proposed_at: { zh: '提出时间', kind: 'timestamp' },
      approved_at: { zh: '审批时间', kind: 'timestamp' },
      /** Who approved: 4(二)3 gives it to the executive team. */
      approved_by: { zh: '审批部门', kind: 'department' },
      implemented_at: { zh: '实施时间', kind: 'timestamp' },
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

/** The enum values a company's config gives fields that take them from it (`valuesFrom`). */
export type EnumValues = Partial<Record<RecordType, Record<string, Record<string, readonly string[]>>>>;

/** Per record type and field, the values from the organisation config (report types), for the reader. */
export function enumsFrom(org: { reportTypes?: Record<string, readonly string[]> }): EnumValues {
  const out: EnumValues = {};
  for (const [type, spec] of Object.entries(recordTypes) as [RecordType, { fields: Record<string, RecordFieldSpec> }][])
    for (const [field, f] of Object.entries(spec.fields))
      if (f.valuesFrom && org[f.valuesFrom]) (out[type] ??= {})[field] = org[f.valuesFrom]!;
  return out;
}

/** The values an enum field accepts for this company: its config's, or the built-in ones. */
export function enumValues(
  records: string,
  field: string,
  org: { reportTypes?: Record<string, readonly string[]> },
): Record<string, readonly string[]> | undefined {
  const spec = (recordTypes as Record<string, { fields: Record<string, RecordFieldSpec> }>)[records]?.fields[field];
  return (spec?.valuesFrom && org[spec.valuesFrom]) || spec?.values;
}

/** A field another record fills where this one leaves it empty (`link`): a decision's organiser from its meeting. */
export interface FieldLink {
  type: RecordType;
  field: string;
  records: RecordType;
  via: string;
}

/** The linked fields of a record type (none for most). */
export function linksOf(type: RecordType): FieldLink[] {
  const fields = recordTypes[type].fields as Record<string, RecordFieldSpec>;
  return Object.entries(fields).flatMap(([field, spec]) =>
    spec.link ? [{ type, field, records: spec.link.records as RecordType, via: spec.link.via }] : [],
  );
}
