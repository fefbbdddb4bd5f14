// Writes the sample exports in checks/samples: what `npm run check` reads when given no folder.
// They imitate what the operations department gets from its systems: a plan ledger saved by Excel
// in China (GB18030 CSV, Chinese headers), quarterly plans in a workbook (XLSX with date cells),
// meeting records from a meeting tool (UTF-8 CSV with BOM) and special meetings as NDJSON.
// Deterministic: run `npm run samples` after changing it and commit the result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { repoRoot } from '../src/model/load.ts';

const out = join(repoRoot, 'checks/samples');
mkdirSync(out, { recursive: true });

const depts = ['运营部', '市场部', '销售部', '研发部', '客服部', '财务部', '人力资源部'];
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
const pad = (n: number) => String(n).padStart(2, '0');

// Annual and monthly plans (the ledger). Everyone is on time unless listed here.
const exceptions: Record<string, string | null> = {
  '市场部|2026年': '2025年12月2日 10:15', // annual plan 3 days late
  '研发部|2026年3月': null, // never submitted
  '客服部|2026年6月': '2026年6月1日 09:00', // one day late
  '财务部|2026年9月': null,
  '销售部|2026年10月': '2026-09-30 23:30', // 23:30 on the due day: on time
};
const ledger: string[][] = [['计划编号', '部门', '计划类型', '计划期间', '提交时间', '审核时间', '备注']];
let n = 1;
for (const dept of depts) {
  const key = `${dept}|2026年`;
  const submitted = key in exceptions ? exceptions[key] : '2025年11月28日 17:30';
  if (submitted !== null) ledger.push([`AP-${pad(n++)}`, dept, '年度', '2026年', submitted!, '2025年12月5日', '']);
  // 2027 annual plans: most departments have submitted; the rest are upcoming (due 30 November).
  if (['运营部', '销售部', '财务部'].includes(dept)) ledger.push([`AP-${pad(n++)}`, dept, '年度', '2027年', '2026年11月20日 16:00', '', '']);
  for (let m = 11; m <= 22; m++) {
    const year = 2025 + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const period = `${year}年${month}月`;
    const k = `${dept}|${period}`;
    const dueYear = month === 1 ? year - 1 : year;
    const dueMonth = month === 1 ? 12 : month - 1;
    const fallback = `${dueYear}年${dueMonth}月25日 10:00`;
    const when = k in exceptions ? exceptions[k] : fallback;
    if (when !== null) ledger.push([`MP-${pad(n++)}`, dept, '月度', period, when!, '', m === 14 && dept === '销售部' ? '含春节促销安排, 已与市场部对齐' : '']);
  }
}
// Rows that cannot be used: each is rejected and reported, never dropped.
ledger.push([`MP-${pad(n++)}`, '采购部', '月度', '2026年7月', '2026年6月20日', '', '不是组织配置中的部门']);
ledger.push([`MP-${pad(n++)}`, '市场部', '月度', '2026年第三季度', '2026年6月20日', '', '期间与计划类型不符']);
writeFileSync(join(out, '计划台账-年度与月度.csv'), iconv.encode(csv(ledger), 'gb18030'));

// Quarterly plans in a workbook with real date cells.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('季度计划');
ws.addRow(['plan_id', 'department', 'level', 'period', 'submitted_at', 'approved_at']);
let q = 1;
for (const dept of ['operations', 'marketing', 'sales', 'rnd', 'customer-service', 'finance', 'hr']) {
  for (const [period, due] of [['2026-Q1', [2025, 12, 31]], ['2026-Q2', [2026, 3, 31]], ['2026-Q3', [2026, 6, 30]], ['2026-Q4', [2026, 9, 30]]] as const) {
    if (dept === 'hr' && period === '2026-Q3') continue; // missing
    const late = dept === 'rnd' && period === '2026-Q2';
    const at = new Date(Date.UTC(due[0], due[1] - 1, due[2] + (late ? 4 : -2), 16, 0));
    ws.addRow([`QP-${pad(q++)}`, dept, 'quarterly', period, at, null]);
  }
}
ws.addRow([`QP-${pad(q++)}`, 'finance', 'quarterly', '2026-Q4', '2026-02-30', null]); // no such date: rejected
ws.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm';
await wb.xlsx.writeFile(join(out, '季度计划.xlsx'));

// Meetings from the meeting tool: UTF-8 with BOM, Chinese headers.
const meetings: string[][] = [['会议编号', '会议类型', '会议主题', '组织部门', '通知时间', '开始时间', '结束时间', '记录人', '纪要提交时间', '纪要确认时间', '纪要发布时间']];
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
  meetings.push([`MTG-2026-${pad(i + 1)}`, types[i % 3]!, `${dept}${['周例会', '项目进度评审', '经营分析'][i % 3]}，第${i + 1}期`, dept, '', `2026-${pad(month)}-${pad(day)} 09:30`, end, '张敏', filed, filed, '']);
}
meetings.push(['MTG-2026-90', '部门会议', '客户投诉复盘', '客服部', '2026-11-19 17:00', '2026-11-21 14:00', '2026-11-21 16:00', '李娜', '', '', '']); // due 24 Nov: upcoming
meetings.push(['MTG-2026-07', '部门会议', '市场部周例会，第7期（重复导出，时间不同）', '市场部', '', '2026-07-21 09:30', '2026-07-21 11:30', '张敏', '2026-07-23 18:00', '', '']);
writeFileSync(join(out, '会议记录.csv'), '\uFEFF' + csv(meetings));

// Special meetings from another tool, as NDJSON with English keys.
const special = [
  { meeting_id: 'SP-01', type: 'special', title: '数据安全专题', organizer: 'Operations', end_at: '2026-10-12T15:00:00+08:00', minutes_filed_at: '2026-10-14T10:00:00+08:00' },
  { meeting_id: 'SP-02', type: '专题会议', title: '<预算调整> 专题', organizer: 'finance', end_at: '2026-10-28 17:00', minutes_filed_at: null },
  { meeting_id: 'SP-03', type: 'special', title: '招聘计划', organizer: 'HR', end_at: '2026-11-05 16:00', minutes_filed_at: '2026-11-09 09:30' },
];
writeFileSync(join(out, '专题会议.ndjson'), special.map((s) => JSON.stringify(s)).join('\n') + '\n');
console.log(`wrote sample exports to ${out}`);
