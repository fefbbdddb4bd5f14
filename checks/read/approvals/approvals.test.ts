// Approval instances of 飞书, 钉钉 and 企业微信 read as records, from fixtures made from each
// platform's documented response (fixtures/README.md names the pages).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { OrganizationSchema, type Source } from '../../../src/schema/organization.ts';
import { loadOrganization } from '../../../src/model/load.ts';
import { checkRule } from '../../rules/fixture.ts';
import { dingtalk } from './dingtalk.ts';
import { feishu } from './feishu.ts';
import { type ApprovalInstance, nodeTime, recordOf } from './instance.ts';
import { wecom } from './wecom.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const feishuLines = fixture('feishu-instances.ndjson').trimEnd().split('\n');
const dingtalkItems = JSON.parse(fixture('dingtalk-instances.json')) as Record<string, unknown>[];

const plans: Source = {
  platform: 'feishu',
  template: '运营计划审批',
  records: 'plans',
  fields: { 计划编号: 'plan_id', 计划类型: 'level', 计划期间: 'period', 部门: 'department' },
  steps: { 运营部审核: 'reviewed_at', 高层审批: 'approved_at' },
  departments: { 'od-fin': 'finance' },
};
const changes: Source = {
  platform: 'dingtalk',
  template: '流程变更申请',
  records: 'process_changes',
  fields: { 变更编号: 'change_id', 流程名称: 'process' },
  steps: { 高层审批: 'approved_at' },
};
const borrowings: Source = {
  platform: 'wecom',
  template: '文档借阅申请',
  records: 'borrowings',
  fields: { 借阅编号: 'borrowing_id', 文档编号: 'document_id', 应还日期: 'due_back' },
  steps: { '1': 'approved_at', '2': 'lent_at' },
  departments: { '3': 'operations' },
};

const instance = (r: ReturnType<typeof feishu.read>) => {
  if ('error' in r) throw new Error(r.error);
  return r;
};
const T0 = Date.parse('2026-11-20T01:00:00Z');
const H = 3_600_000;

describe('飞书 instances (approval v4 instance get)', () => {
  const read = (i: number) => instance(feishu.read(JSON.parse(feishuLines[i]!)));

  it('an either-signs node is passed at its first approval, a countersign node at its last', () => {
    const made = recordOf(read(0), plans);
    expect(made.values).toMatchObject({
      plan_id: 'PLN-F-01',
      department: '财务部',
      submitted_at: new Date(T0).toISOString(),
      reviewed_at: new Date(T0 + H).toISOString(),
      approved_at: new Date(T0 + 3 * H).toISOString(),
    });
    expect(made.unmappedNodes).toEqual(['财务会签']);
  });

  it('a reverted instance approved nothing; a countersign with an approver to act is not yet; an automatic pass is no review', () => {
    expect(recordOf(read(3), plans).values).toMatchObject({ reviewed_at: null, approved_at: null });
    const pending = read(4);
    expect(pending.state).toBe('pending');
    expect(recordOf(pending, plans).values).toMatchObject({ reviewed_at: null, approved_at: null });
  });

  it("takes the department from the initiator's mapped id when the form has none; the root or an unmapped id is an error", () => {
    expect(recordOf(read(5), plans).values.department).toBe('finance');
    expect(recordOf(read(6), plans).problem).toMatchObject({ code: 'root-department' });
    expect(recordOf(read(7), plans).problem).toEqual({
      code: 'unmapped-department-id',
      column: 'department',
      value: 'od-unknown',
    });
  });

  it('an error answered in place of an instance says so', () => {
    expect(feishu.read(JSON.parse(feishuLines[9]!))).toEqual({ error: expect.stringContaining('99991663') });
  });
});

describe('钉钉 instances (workflow processInstances)', () => {
  const read = (i: number) => instance(dingtalk.read(dingtalkItems[i]!)) as ApprovalInstance;

  it('reads minute times in UTC, the initiator department by name, the node by showName', () => {
    const made = recordOf(read(0), changes);
    expect(made.values).toMatchObject({
      change_id: 'CHG-D-01',
      process: '文档借阅流程',
      department: '销售部',
      proposed_at: '2026-11-22T01:00:00.000Z',
      approved_at: '2026-11-22T03:00:00.000Z',
    });
    expect(made.unmappedNodes).toEqual(['部门负责人']);
  });

  it('TERMINATED is no approval even with result agree; RUNNING is not yet; the root department is an error', () => {
    expect(read(1).state).toBe('void');
    expect(recordOf(read(1), changes).values.approved_at).toBeNull();
    expect(recordOf(read(2), changes).values.approved_at).toBeNull();
    expect(recordOf(read(5), changes).problem).toMatchObject({ code: 'root-department' });
  });
});

describe('企业微信 instances (getapprovaldetail)', () => {
  const read = () => instance(wecom.read(JSON.parse(fixture('wecom-instance.json')))) as ApprovalInstance;

  it('names nodes by position, reads Unix seconds, 或签 at the first approval and 会签 at the last', () => {
    const made = recordOf(read(), borrowings);
    expect(made.values).toMatchObject({
      borrowing_id: 'BRW-W-01',
      document_id: 'DOC-7',
      department: 'operations',
      requested_at: new Date(1795305600_000).toISOString(),
      approved_at: new Date((1795309200 + 3600) * 1000).toISOString(),
      lent_at: new Date((1795309200 + 4 * 3600) * 1000).toISOString(),
      due_back: new Date(1796400000_000).toISOString(),
    });
  });
});

describe('what the mapping leaves to the platform', () => {
  it("a record's id is the platform's serial when no form field is mapped to it", () => {
    const { 借阅编号: _, ...fields } = borrowings.fields;
    const made = recordOf(instance(wecom.read(JSON.parse(fixture('wecom-instance.json')))) as ApprovalInstance, {
      ...borrowings,
      fields,
    });
    expect(made.id).toBe('202611220042');
    expect(made.values.borrowing_id).toBe('202611220042');
  });

  it('企业微信 status 6 (revoked after approval) and 7 (deleted) approve nothing', () => {
    for (const sp_status of [6, 7]) {
      const response = JSON.parse(fixture('wecom-instance.json'));
      response.info.sp_status = sp_status;
      const read = instance(wecom.read(response)) as ApprovalInstance;
      expect(read.state).toBe('void');
      expect(recordOf(read, borrowings).values).toMatchObject({ approved_at: null, lent_at: null });
    }
  });

  it('a step the mapping does not name is an absent column: not judged, and warned', async () => {
    const { steps: _, ...unmapped } = borrowings;
    const { report } = await checkRule({
      obligations: [{ id: 'borrowing-approved', records: 'borrowings', rule: 'complete', require: ['approved_at'] }],
      sources: [{ ...unmapped, steps: {} }],
      files: { '企业微信.json': fixture('wecom-instance.json') },
      asOf: '2026-12-01',
      since: '2026-01-01',
    });
    expect(report.findings).toEqual([]);
    // The advice is the mapping's, not the export's.
    const { warningText } = await import('../../report/labels.ts');
    expect(warningText(report.warnings.find((w) => w.code === 'absent-column')!)).toContain('sources 这一项的 steps');
    expect(report.warnings.filter((w) => w.code === 'absent-column')).toEqual([
      expect.objectContaining({ values: expect.objectContaining({ type: 'borrowings', rows: 1, approvals: true }) }),
    ]);
  });
});

describe('node times', () => {
  it('a rejection in a node gives it no time', () => {
    expect(
      nodeTime({
        name: 'x',
        mode: 'any',
        tasks: [
          { result: 'approved', at: 1 },
          { result: 'rejected', at: 2 },
        ],
      }),
    ).toBeNull();
  });
});

describe('the mapping in the organisation config', () => {
  const org = loadOrganization();
  const parse = (source: Record<string, unknown>) =>
    OrganizationSchema.safeParse({ ...org, sources: [source] }).error?.issues.map(
      (i) => `${i.path.join('.')}: ${i.message}`,
    );

  it('names the key and the valid values of an unknown platform, record type, field, step or department, and a template mapped twice', () => {
    expect(parse({ ...plans, platform: 'lark' })?.[0]).toMatch(/^sources\.0\.platform: .*feishu.*dingtalk.*wecom/);
    expect(parse({ ...plans, records: 'plan' })?.[0]).toMatch(
      /^sources\.0\.records: "plan" is no record type; expected one of plans/,
    );
    expect(parse({ ...plans, fields: { 计划编号: 'plan_no' } })?.[0]).toMatch(
      /^sources\.0\.fields\.计划编号: "plan_no" is no field of plans records; expected one of plan_id/,
    );
    expect(parse({ ...plans, steps: { 高层审批: 'period' } })?.[0]).toMatch(
      /^sources\.0\.steps\.高层审批: "period" is no time field/,
    );
    expect(parse({ ...plans, departments: { x: 'nowhere' } })?.[0]).toMatch(
      /^sources\.0\.departments\.x: "nowhere" is no department/,
    );
    expect(parse(plans)).toBeUndefined();
    const twice = OrganizationSchema.safeParse({
      ...org,
      sources: [plans, { ...plans, records: 'plan_adjustments', fields: {}, steps: {} }],
    });
    expect(twice.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'sources.1.template: sources.0 already maps this feishu template; one entry per template',
    ]);
  });
});

describe('the mapping the reference page shows', () => {
  it('is valid organisation config, one example per platform', async () => {
    const { parse } = await import('yaml');
    const page = readFileSync(join(import.meta.dirname, '../../../content/docs/reference/checker.mdx'), 'utf8');
    const example = [...page.matchAll(/```yaml[^\n]*\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .find((b) => /^sources:/m.test(b))!;
    const { sources } = parse(example) as { sources: Source[] };
    expect(sources.map((s) => s.platform).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    const org = loadOrganization();
    const known = new Map(org.departments.map((d) => [d.id, d]));
    for (const s of sources) for (const d of Object.values(s.departments ?? {})) expect(known.has(d)).toBe(true);
    expect(OrganizationSchema.safeParse({ ...org, sources }).error).toBeUndefined();
  });
});

describe('approval exports in a check', () => {
  const run = () =>
    checkRule({
      obligations: [
        {
          id: 'plan-approved',
          records: 'plans',
          rule: 'complete',
          require: ['approved_at'],
        },
        {
          id: 'change-approved',
          records: 'process_changes',
          rule: 'complete',
          require: ['approved_at'],
        },
        {
          id: 'borrowing-approved',
          records: 'borrowings',
          rule: 'complete',
          require: ['approved_at'],
        },
      ],
      sources: [plans, changes, borrowings],
      files: {
        '飞书审批.ndjson': fixture('feishu-instances.ndjson'),
        '钉钉审批.json': fixture('dingtalk-instances.json'),
        '企业微信-202611220042.json': fixture('wecom-instance.json'),
      },
      asOf: '2026-12-01',
      since: '2026-01-01',
    });

  it('judges each record by its latest instance; a void or unfinished approval is no approval', async () => {
    const { brief } = await run();
    expect(brief.toSorted()).toEqual([
      'change-approved rnd CHG-D-02 incomplete 审批时间',
      'change-approved rnd CHG-D-03 incomplete 审批时间',
      'plan-approved finance PLN-F-03 incomplete 审批时间',
      'plan-approved finance PLN-F-04 incomplete 审批时间',
    ]);
  });

  it('rejects, at their line, what is no record: the root department, an unmapped id, an error answered, a cut line', async () => {
    const { report } = await run();
    const rejected = report.rejected.groups.flatMap((g) => g.lines.map((line) => `${g.file}:${line} ${g.code}`));
    expect(rejected.sort()).toEqual(
      [
        '飞书审批.ndjson:7 root-department',
        '飞书审批.ndjson:8 unmapped-department-id',
        '飞书审批.ndjson:10 api-error',
        '飞书审批.ndjson:11 invalid-json',
        '钉钉审批.json:6 root-department',
      ].sort(),
    );
    const { read, accepted, rejected: count } = report.summary.rows;
    expect(read).toBe(accepted + count);
  });

  it('says, counted, what it did not read as records: other templates, unmapped nodes, replaced instances', async () => {
    const { report } = await run();
    const said = report.warnings
      .filter((w) => ['unmapped-template', 'unmapped-node', 'replaced-instance'].includes(w.code))
      .map(
        (w) =>
          `${w.file} ${w.code} ${w.values!.template}${w.values!.node ? `/${w.values!.node}` : ''} ${w.values!.instances}`,
      );
    expect(said.sort()).toEqual(
      [
        '飞书审批.ndjson unmapped-template 请假 1',
        '飞书审批.ndjson unmapped-node 运营计划审批/财务会签 1',
        '飞书审批.ndjson replaced-instance 运营计划审批 1',
        '钉钉审批.json unmapped-template 李四提交的出差申请 1',
        '钉钉审批.json unmapped-node 流程变更申请/部门负责人 2',
        '钉钉审批.json replaced-instance 流程变更申请 1',
      ].sort(),
    );
  });
});

describe('approval lists exported to Excel or CSV', () => {
  // 钉钉's export wording (审批发起时间, 审批结果, 审批记录) and an older one's (发起时间, 结果, 审批流程).
  const changesByTitle = { ...changes, platform: 'dingtalk' as const };
  const workbook = async (rows: unknown[][], sheet = '流程变更') => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  const run = (files: Record<string, string | Uint8Array>) =>
    checkRule({
      obligations: [{ id: 'change-approved', records: 'process_changes', rule: 'complete', require: ['approved_at'] }],
      sources: [changesByTitle],
      files,
      asOf: '2026-12-01',
      since: '2026-01-01',
    });

  it('reads each wording of the header, the form columns by label, and the trail cell node by node', async () => {
    const header = [
      '审批编号',
      '标题',
      '审批状态',
      '审批结果',
      '审批发起时间',
      '审批完成时间',
      '发起人姓名',
      '发起人部门',
      '历史审批人姓名',
      '审批记录',
      '变更编号',
      '流程名称',
    ];
    const xlsx = await workbook([
      header,
      [
        '202611220101',
        '张三提交的流程变更申请',
        '已完成',
        '同意',
        '2026-11-22 09:00',
        '2026-11-22 11:00',
        '张三',
        '研发部',
        '李四',
        '发起：张三 2026-11-22 09:00\n部门负责人：李四 同意 2026-11-22 10:00\n高层审批：王强 同意 2026-11-22 11:00',
        'CHG-X-01',
        '文档借阅流程',
      ],
      [
        '202611220102',
        '张三提交的流程变更申请',
        '已撤销',
        '同意',
        '2026-11-22 09:00',
        '',
        '张三',
        '研发部',
        '',
        '高层审批：王强 同意 2026-11-22 11:00',
        'CHG-X-02',
        '文档借阅流程',
      ],
      [
        '202611220103',
        '张三提交的流程变更申请',
        '审批中',
        '',
        '2026-11-22 09:00',
        '',
        '张三',
        '研发部',
        '',
        '高层审批：王强 审批中',
        'CHG-X-03',
        '文档借阅流程',
      ],
    ]);
    const csv =
      '审批编号,标题,审批状态,结果,发起时间,发起人部门,审批流程,变更编号\n' +
      '202611220104,王五提交的流程变更申请,已完成,同意,2026-11-22 09:00,销售部,"高层审批：王强 同意 2026-11-22 15:30",CHG-X-04\n';
    const { brief, report } = await run({ '钉钉导出.xlsx': xlsx, '钉钉导出-旧版.csv': csv });
    expect(brief.toSorted()).toEqual([
      'change-approved rnd CHG-X-02 incomplete 审批时间',
      'change-approved rnd CHG-X-03 incomplete 审批时间',
    ]);
    expect(report.summary.rows).toMatchObject({ read: 4, accepted: 4, rejected: 0 });
    expect(report.warnings.filter((w) => w.code === 'unmapped-node').map((w) => w.values!.node)).toEqual([
      '部门负责人',
    ]);
  });

  it('refuses a row whose trail cell it cannot read, naming the file, the line, the cell and the shape expected', async () => {
    const csv =
      '审批编号,标题,审批状态,审批结果,发起时间,发起人部门,审批记录,变更编号\n' +
      '202611220105,张三提交的流程变更申请,已完成,同意,2026-11-22 09:00,研发部,"王强(高层审批) 2026-11-22 同意",CHG-X-05\n' +
      '202611220106,张三提交的流程变更申请,已完成,同意,2026-11-22 09:00,研发部,"高层审批：王强 同意 2026-11-22 10:00",CHG-X-06\n';
    const { report } = await run({ '钉钉导出.csv': csv });
    expect(report.rejected.groups).toEqual([
      expect.objectContaining({
        file: '钉钉导出.csv',
        column: '审批记录',
        code: 'unrecognised-trail',
        value: '王强(高层审批) 2026-11-22 同意',
        lines: [2],
      }),
    ]);
  });
});
