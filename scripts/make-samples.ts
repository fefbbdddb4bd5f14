// Writes the sample exports in checks/samples: what `npm run check` reads when given no folder.
// They imitate what the operations department gets from its systems: a plan ledger saved by Excel
// in China (GB18030 CSV, Chinese headers), quarterly plans in a workbook (XLSX with date cells),
// meeting records from a meeting tool (UTF-8 CSV with BOM) and special meetings as NDJSON.
// Deterministic, byte for byte: run `npm run samples` after changing it and commit the result; a
// file whose bytes have not changed is not rewritten.
import { mkdirSync, readFileSync, writeFileSync as write } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { repoRoot } from '../src/model/load.ts';

// `--out <dir>` writes elsewhere (the test that the committed samples are what this script makes).
const at = process.argv.indexOf('--out');
const out = at > 0 ? resolve(process.argv[at + 1]!) : join(repoRoot, 'checks/samples');
mkdirSync(out, { recursive: true });

let unchanged = 0;
/** Writes the bytes unless the file already holds them. */
function writeFileSync(path: string, data: string | Uint8Array) {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    if (Buffer.compare(readFileSync(path), bytes) === 0) return void unchanged++;
  } catch {}
  write(path, bytes);
  console.log(`wrote ${relative(repoRoot, path)}`);
}

// ExcelJS stamps the workbook's properties and every zip entry with the time of writing; both are
// fixed here so that the same rows give the same bytes.
const epoch = new Date('2026-01-01T00:00:00Z');
async function writeWorkbook(wb: ExcelJS.Workbook, path: string) {
  wb.created = wb.modified = epoch;
  const zipped = new Uint8Array(await wb.xlsx.writeBuffer());
  writeFileSync(path, zipSync(unzipSync(zipped), { mtime: epoch, level: 6 }));
}

const depts = ['运营部', '市场部', '销售部', '研发部', '客服部', '财务部', '人力资源部'];
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
const pad = (n: number) => String(n).padStart(2, '0');

// Annual and monthly plans (the ledger). Everyone is on time unless listed here.
const exceptions: Record<string, string | null> = {
  '市场部|2026年': '2025年12月2日 10:15', // annual plan 3 days late
  '研发部|2026年3月': null, // never submitted
  '客服部|2026年6月': '2026年6月1日 09:00', // one day late
  '财务部|2026年9月': null,
  '销售部|2026年10月': '2026-09-30 23:30', // 23:30 on the due day: on time
};
const ledger: string[][] = [
  [
    '计划编号',
    '部门',
    '计划类型',
    '计划期间',
    '提交时间',
    '审核时间',
    '审核部门',
    '审批时间',
    '审批部门',
    '发布时间',
    '备注',
  ],
];
let n = 1;
for (const dept of depts) {
  const key = `${dept}|2026年`;
  const submitted = key in exceptions ? exceptions[key] : '2025年11月28日 17:30';
  // Reviewed by operations, then approved by the executive team before the year starts; the
  // sales plan was approved before it was reviewed (out of order: the executive team's finding).
  const approved = dept === '销售部' ? '2025年12月3日' : '2025年12月20日';
  const reviewer = '运营部';
  if (submitted !== null)
    ledger.push([
      `AP-${pad(n++)}`,
      dept,
      '年度',
      '2026年',
      submitted!,
      '2025年12月5日',
      reviewer,
      approved,
      '高层管理团队',
      '',
      '',
    ]);
  // 2027 annual plans: most departments have submitted; the rest are upcoming (due 30 November).
  if (['运营部', '销售部', '财务部'].includes(dept))
    ledger.push([`AP-${pad(n++)}`, dept, '年度', '2027年', '2026年11月20日 16:00', '', '', '', '', '', '']);
  for (let m = 11; m <= 22; m++) {
    const year = 2025 + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const period = `${year}年${month}月`;
    const k = `${dept}|${period}`;
    const dueYear = month === 1 ? year - 1 : year;
    const dueMonth = month === 1 ? 12 : month - 1;
    const fallback = `${dueYear}年${dueMonth}月25日 10:00`;
    const when = k in exceptions ? exceptions[k] : fallback;
    // Reviewed and published before the month; marketing's April plan was published unreviewed (a skipped step).
    const reviewed = dept === '市场部' && period === '2026年4月' ? '' : `${dueYear}年${dueMonth}月27日 10:00`;
    // Customer service's August plan was "reviewed" by the finance department (a wrong actor: the
    // operations department's finding, since review is its step).
    const reviewer = dept === '客服部' && period === '2026年8月' ? '财务部' : '运营部';
    const published = when === null ? '' : `${dueYear}年${dueMonth}月28日 09:00`;
    if (when !== null)
      ledger.push([
        `MP-${pad(n++)}`,
        dept,
        '月度',
        period,
        when!,
        reviewed,
        reviewed ? reviewer : '',
        '',
        '',
        published,
        m === 14 && dept === '销售部' ? '含春节促销安排, 已与市场部对齐' : '',
      ]);
  }
}
// Rows that cannot be used: each is rejected and reported, never dropped.
ledger.push([
  `MP-${pad(n++)}`,
  '采购部',
  '月度',
  '2026年7月',
  '2026年6月20日',
  '',
  '',
  '',
  '',
  '',
  '不是组织配置中的部门',
]);
ledger.push([
  `MP-${pad(n++)}`,
  '市场部',
  '月度',
  '2026年第三季度',
  '2026年6月20日',
  '',
  '',
  '',
  '',
  '',
  '期间与计划类型不符',
]);
writeFileSync(join(out, '计划台账-年度与月度.csv'), iconv.encode(csv(ledger), 'gb18030'));

// Quarterly plans in a workbook with real date cells.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('季度计划');
ws.addRow(['plan_id', 'department', 'level', 'period', 'submitted_at', 'reviewed_at', 'filed_at']);
let q = 1;
for (const dept of ['operations', 'marketing', 'sales', 'rnd', 'customer-service', 'finance', 'hr']) {
  for (const [period, due] of [
    ['2026-Q1', [2025, 12, 31]],
    ['2026-Q2', [2026, 3, 31]],
    ['2026-Q3', [2026, 6, 30]],
    ['2026-Q4', [2026, 9, 30]],
  ] as const) {
    if (dept === 'hr' && period === '2026-Q3') continue; // missing
    const late = dept === 'rnd' && period === '2026-Q2';
    const at = new Date(Date.UTC(due[0], due[1] - 1, due[2] + (late ? 4 : -2), 16, 0));
    const reviewed = new Date(at.getTime() + 86_400_000);
    // Filed with the executive team the day it was reviewed; finance's Q4 plan was never filed.
    const filed = dept === 'finance' && period === '2026-Q4' ? null : new Date(reviewed.getTime() + 3_600_000);
    ws.addRow([`QP-${pad(q++)}`, dept, 'quarterly', period, at, reviewed, filed]);
  }
}
ws.addRow([`QP-${pad(q++)}`, 'finance', 'quarterly', '2026-Q4', '2026-02-30', null, null]); // no such date: rejected
for (const c of [5, 6, 7]) ws.getColumn(c).numFmt = 'yyyy-mm-dd hh:mm';
await writeWorkbook(wb, join(out, '季度计划.xlsx'));

// Meetings from the meeting tool: UTF-8 with BOM, Chinese headers.
const meetings: string[][] = [
  [
    '会议编号',
    '会议类型',
    '会议主题',
    '组织部门',
    '通知时间',
    '开始时间',
    '结束时间',
    '记录人',
    '纪要提交时间',
    '纪要确认时间',
    '纪要发布时间',
  ],
];
const types = ['部门会议', '项目会议', '高层管理会议'];
for (let i = 0; i < 24; i++) {
  const dept = depts[i % depts.length]!;
  const month = 6 + Math.floor(i / 4);
  const day = 3 + (i % 4) * 6;
  const end = `2026-${pad(month)}-${pad(day)} 11:30`;
  let filed: string = `2026-${pad(month)}-${pad(day + 2)} 18:00`;
  if (i === 5) filed = ''; // missing minutes
  if (i === 9) filed = `2026-${pad(month)}-${pad(day + 5)} 09:00`; // two days late
  if (i === 14) filed = '—';
  if (i === 19) filed = `2026-${pad(month)}-${pad(day)} 10:00`; // before the meeting ended: a data error
  // Notice two days ahead (one sent the same morning); confirmed when filed, published the next day
  // (one published before it was confirmed); one meeting without a recorder.
  const notice = i === 3 ? `2026-${pad(month)}-${pad(day)} 08:00` : `2026-${pad(month)}-${pad(day - 2)} 15:00`;
  const confirmed = filed && filed !== '—' ? filed : '';
  const published =
    i === 11 ? `2026-${pad(month)}-${pad(day + 1)} 09:00` : confirmed ? `2026-${pad(month)}-${pad(day + 3)} 09:00` : '';
  meetings.push([
    `MTG-2026-${pad(i + 1)}`,
    types[i % 3]!,
    `${dept}${['周例会', '项目进度评审', '经营分析'][i % 3]}，第${i + 1}期`,
    dept,
    notice,
    `2026-${pad(month)}-${pad(day)} 09:30`,
    end,
    i === 7 ? '' : '张敏',
    filed,
    i === 11 ? `2026-${pad(month)}-${pad(day + 2)} 18:00` : confirmed,
    published,
  ]);
}
meetings.push([
  'MTG-2026-90',
  '部门会议',
  '客户投诉复盘',
  '客服部',
  '2026-11-19 17:00',
  '2026-11-21 14:00',
  '2026-11-21 16:00',
  '李娜',
  '',
  '',
  '',
]); // due 24 Nov: upcoming
meetings.push([
  'MTG-2026-07',
  '部门会议',
  '市场部周例会，第7期（重复导出，时间不同）',
  '市场部',
  '',
  '2026-07-21 09:30',
  '2026-07-21 11:30',
  '张敏',
  '2026-07-23 18:00',
  '',
  '',
]);
writeFileSync(join(out, '会议记录.csv'), `\uFEFF${csv(meetings)}`);

// Special meetings from another tool, as NDJSON with English keys.
const special = [
  {
    meeting_id: 'SP-01',
    type: 'special',
    title: '数据安全专题',
    organizer: 'Operations',
    end_at: '2026-10-12T15:00:00+08:00',
    minutes_filed_at: '2026-10-14T10:00:00+08:00',
  },
  {
    meeting_id: 'SP-02',
    type: '专题会议',
    title: '<预算调整> 专题',
    organizer: 'finance',
    end_at: '2026-10-28 17:00',
    minutes_filed_at: null,
  },
  {
    meeting_id: 'SP-03',
    type: 'special',
    title: '招聘计划',
    organizer: 'HR',
    end_at: '2026-11-05 16:00',
    minutes_filed_at: '2026-11-09 09:30',
  },
];
writeFileSync(join(out, '专题会议.ndjson'), `${special.map((s) => JSON.stringify(s)).join('\n')}\n`);
// Plan adjustments (GB18030 CSV, as Excel in China saves it).
writeFileSync(
  join(out, '计划调整.csv'),
  iconv.encode(
    csv([
      [
        '调整编号',
        '计划编号',
        '部门',
        '调整原因',
        '调整内容',
        '调整后进度安排',
        '申请时间',
        '审核时间',
        '审批时间',
        '实施时间',
      ],
      [
        'ADJ-01',
        'MP-20',
        '销售部',
        '大客户订单提前',
        '第三季度销售目标上调 10%',
        '8 月起按新目标执行',
        '2026-07-10',
        '2026-07-12',
        '2026-07-15',
        '2026-08-01',
      ],
      [
        'ADJ-02',
        'MP-45',
        '研发部',
        '核心人员离职',
        '产品发布推迟',
        '',
        '2026-08-03',
        '2026-08-05',
        '2026-08-10',
        '2026-08-12',
      ], // no new schedule
      [
        'ADJ-03',
        'AP-06',
        '客服部',
        '热线外包',
        '外包部分热线',
        '10 月完成切换',
        '2026-09-01',
        '2026-09-03',
        '',
        '2026-09-20',
      ], // carried out unapproved
    ]),
    'gb18030',
  ),
);

// Decisions and risks in one workbook, with a notes sheet the checker passes over.
const ledgers = new ExcelJS.Workbook();
ledgers.addWorksheet('说明').addRow(['本工作簿由 OA 系统导出，各表表头不可修改。']);
const decisions = ledgers.addWorksheet('会议决议');
// 组织部门: the meeting's organiser, whose minutes record the decision (8(三)3's finding is theirs).
// D-03 leaves it empty: the checker takes it from its meeting (MTG-2026-10, 销售部) in 会议记录.csv.
decisions.addRow([
  '决议编号',
  '会议编号',
  '组织部门',
  '决议内容',
  '责任部门',
  '责任人',
  '完成期限',
  '完成时间',
  '核查时间',
]);
decisions.addRow([
  'D-01',
  'MTG-2026-03',
  '销售部',
  '完成供应商比选',
  '销售部',
  '王强',
  '2026-08-31',
  '2026-08-25',
  '2026-08-27',
]);
decisions.addRow([
  'D-02',
  'MTG-2026-06',
  '财务部',
  '修订报销流程',
  '财务部',
  '赵丽',
  '2026-09-30',
  '2026-10-08',
  '2026-10-09',
]); // done late
decisions.addRow(['D-03', 'MTG-2026-10', '', '上线客服知识库', '客服部', '', '2026-10-31', '', '']); // no owner (the organiser's finding), not done
decisions.addRow([
  'D-04',
  'MTG-2026-13',
  '财务部',
  '招聘两名工程师',
  '人力资源部',
  '孙悦',
  '2026-10-15',
  '2026-10-10',
  '',
]); // never checked
const risks = ledgers.addWorksheet('风险台账');
risks.addRow([
  '风险编号',
  '风险类别',
  '责任部门',
  '识别时间',
  '评估时间',
  '风险等级',
  '影响程度',
  '应对策略',
  '措施制定时间',
  '预警指标',
  '指标值',
  '预警值',
  '达到预警值时间',
  '预警时间',
]);
risks.addRow([
  'R-01',
  '市场风险',
  '市场部',
  '2026-06-01',
  '2026-06-08',
  '中',
  '较大',
  '降低',
  '2026-06-12',
  '渠道退货率（%）',
  4.2,
  5,
  '',
  '',
]);
risks.addRow([
  'R-02',
  '财务风险',
  '财务部',
  '2026-07-01',
  '2026-07-25',
  '高',
  '重大',
  '',
  '',
  '应收账款逾期率（%）',
  12,
  10,
  '2026-07-20',
  '',
]); // assessed late, no response; over its threshold since 20 July and no alert

risks.addRow(['R-03', '法律风险', '运营部', '2026-08-03', '2026-08-10', '', '一般', '', '', '', '', '', '', '']); // assessed without a level
risks.addRow([
  'R-04',
  '人力资源风险',
  '人力资源部',
  '2026-09-01',
  '2026-09-05',
  '低',
  '较小',
  '接受',
  '2026-09-06',
  '核心岗位离职人数',
  3,
  3,
  '2026-09-02',
  '2026-09-03',
]); // alerted the day after the count reached its threshold (identified a month before: not the clock)
// A category the policy's list leaves open (…等), and a low risk: it too needs a response (5(二)1).
// Its assessment states a level but not the impact 5(一)3 also asks for.
risks.addRow(['R-05', '运营风险', '运营部', '2026-10-08', '2026-10-12', '低', '', '', '', '', '', '', '', '']);
await writeWorkbook(ledgers, join(out, '决议与风险台账.xlsx'));

// Periodic reports (GB18030 CSV): every department on time, but for the exceptions listed.
const reportRows: string[][] = [['报告编号', '报告类型', '部门', '报告期间', '提交时间']];
let r = 1;
// Risk identification and archiving are the operations department's (5(一)1; 9(二)3 as the company set it).
const missingReports = new Set(['信息报送|研发部|2026-05', '风险识别与评估|运营部|2026-Q2', '文档归档|运营部|2025']);
const lateReports: Record<string, string> = { '信息报送|客服部|2026-08': '2026-09-09 10:00' };
const add = (type: string, dept: string, period: string, at: string) => {
  const key = `${type}|${dept}|${period}`;
  if (missingReports.has(key)) return;
  reportRows.push([`RPT-${String(r++).padStart(3, '0')}`, type, dept, period, lateReports[key] ?? at]);
};
for (const dept of depts) {
  for (let m = 10; m <= 21; m++) {
    const year = 2025 + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const next = new Date(Date.UTC(year, month, 3));
    add('信息报送', dept, `${year}-${pad(month)}`, `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-03 17:00`);
  }
  for (const [period, at] of [
    ['2025-Q3', '2025-10-08'],
    ['2025-Q4', '2026-01-08'],
    ['2026-Q1', '2026-04-08'],
    ['2026-Q2', '2026-07-08'],
    ['2026-Q3', '2026-10-08'],
  ])
    add('风险识别与评估', dept, period!, at!);
  add('流程评审', dept, '2025', '2026-01-20');
  add('文档归档', dept, '2025', '2026-01-25');
}
for (let m = 10; m <= 21; m++) {
  const year = 2025 + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const next = new Date(Date.UTC(year, month, 4));
  add(
    '风险监控',
    '运营部',
    `${year}-${pad(month)}`,
    `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-04 12:00`,
  );
}
writeFileSync(join(out, '定期报告.csv'), iconv.encode(csv(reportRows), 'gb18030'));

// The employee roster (XLSX) and the evaluations (UTF-8 CSV): a supervisor's and a peer's
// evaluation per employee per quarter, with feedback a few days later.
const roster = new ExcelJS.Workbook();
const staff = roster.addWorksheet('在册员工');
staff.addRow(['员工编号', '姓名', '部门', '入职日期', '离职日期']);
const people = [
  ['E001', '王芳', '运营部', '2019-03-01', ''],
  ['E002', '李强', '市场部', '2020-07-15', ''],
  ['E003', '张伟', '销售部', '2018-01-10', ''],
  ['E004', '刘洋', '研发部', '2021-05-06', ''],
  ['E005', '陈静', '客服部', '2022-09-01', ''],
  ['E006', '杨磊', '财务部', '2017-11-20', ''],
  ['E007', '赵敏', '人力资源部', '2023-02-13', ''],
  ['E008', '黄涛', '研发部', '2026-05-18', ''],
  ['E009', '周婷', '销售部', '2016-04-01', '2026-03-31'],
] as const;
for (const p of people) staff.addRow([...p]);
await writeWorkbook(roster, join(out, '员工名册.xlsx'));
const evaluations: string[][] = [['评估编号', '员工编号', '部门', '评估周期', '评估人类型', '评估时间', '反馈时间']];
let e = 1;
for (const [id, , dept, hired, left] of people) {
  for (const [cycle, at, feedback] of [
    ['2025-Q4', '2026-01-10', '2026-01-14'],
    ['2026-Q1', '2026-04-10', '2026-04-14'],
    ['2026-Q2', '2026-07-10', '2026-07-14'],
    ['2026-Q3', '2026-10-10', '2026-10-14'],
  ] as const) {
    if (hired > at || (left && left < `${at.slice(0, 8)}01`)) continue;
    if (id === 'E004' && cycle === '2026-Q2') continue; // not evaluated at all that quarter
    evaluations.push([
      `EV-${String(e++).padStart(3, '0')}`,
      id,
      dept,
      cycle,
      '上级',
      at,
      id === 'E005' && cycle === '2026-Q1' ? '2026-04-28' : feedback,
    ]);
    if (!(id === 'E002' && cycle === '2026-Q3'))
      evaluations.push([`EV-${String(e++).padStart(3, '0')}`, id, dept, cycle, '同事', at, feedback]); // no peer evaluation
  }
}
writeFileSync(join(out, '绩效评估.csv'), `\uFEFF${csv(evaluations)}`);

// Acknowledgements of material policy versions, from the HR system (UTF-8 CSV with BOM). OPS-01
// 1.1.0 took effect on 2026-12-01 and is material: 陈静, 赵敏 and 黄涛 have not confirmed yet. 陈静's
// confirmation was keyed as E05: no one on the roster, so the check says it cannot place it.
const acknowledgements: string[][] = [
  ['员工编号', '部门', '制度编号', '版本', '确认时间'],
  ['E001', '运营部', 'OPS-01', '1.1.0', '2026-12-01 10:12'],
  ['E002', '市场部', 'OPS-01', '1.1.0', '2026-12-02 09:30'],
  ['E003', '销售部', 'OPS-01', '1.1.0', '2026-12-03 14:05'],
  ['E004', '研发部', 'OPS-01', 'v1.1', '2026-12-02 16:40'],
  ['E006', '财务部', 'OPS-01', '1.1.0', '2026-12-04 11:00'],
  ['E006', '财务部', 'OPS-01', '1.0.0', '2026-01-05 09:00'],
  ['E05', '客服部', 'OPS-01', '1.1.0', '2026-12-03 09:20'],
];
writeFileSync(join(out, '制度确认.csv'), `\uFEFF${csv(acknowledgements)}`);

// Documents and borrowings from the document system.
const docs = new ExcelJS.Workbook();
const register = docs.addWorksheet('文档登记');
register.addRow(['文档编号', '文档名称', '部门', '起草时间', '审核时间', '批准时间', '发布时间']);
register.addRow(['DOC-01', '差旅费报销办法', '财务部', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-18']);
register.addRow(['DOC-02', '客户投诉处理规程', '客服部', '2026-05-06', '2026-05-12', '', '2026-05-20']); // published unapproved
register.addRow(['DOC-03', '招聘管理细则', '人力资源部', '2026-06-01', '2026-06-10', '2026-06-08', '2026-06-15']); // approved before review
const loans = docs.addWorksheet('借阅登记');
loans.addRow(['借阅编号', '文档编号', '借阅人', '部门', '申请时间', '审批时间', '借出时间', '应还日期', '归还时间']);
loans.addRow([
  'BR-01',
  'DOC-01',
  '赵丽',
  '财务部',
  '2026-09-01',
  '2026-09-02',
  '2026-09-03',
  '2026-09-17',
  '2026-09-15',
]);
loans.addRow(['BR-02', 'DOC-03', '刘洋', '研发部', '', '', '2026-10-08', '', '']); // lent without an application
await writeWorkbook(docs, join(out, '文档与借阅.xlsx'));

// Process changes, as NDJSON from a workflow tool, with who approved each (4(二)3: the executive team).
const changes = [
  {
    change_id: 'PC-01',
    process: '年度运营计划编制',
    department: 'operations',
    proposed_at: '2026-02-10',
    approved_at: '2026-02-20',
    approved_by: 'executive-team',
    implemented_at: '2026-03-01',
  },
  {
    change_id: 'PC-02',
    process: '费用报销',
    department: 'finance',
    proposed_at: '2026-06-01',
    approved_at: '2026-06-20',
    approved_by: 'executive-team',
    implemented_at: '2026-06-15',
  },
];
writeFileSync(join(out, '流程变更.ndjson'), `${changes.map((c) => JSON.stringify(c)).join('\n')}\n`);

if (unchanged) console.log(`${unchanged} files unchanged`);
