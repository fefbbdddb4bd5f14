// The report's words, in one place: Chinese labels for statuses and departments, and the
// sentences for every rejection and warning code. The engine hands over codes and values only.
import type { Organization } from '../../src/schema/index.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import type { Problem } from '../read/records.ts';
import { statuses, statusZh } from '../rules/index.ts';
import type { Finding, RejectionGroup, Report, Source, Warning } from '../engine/types.ts';
import { MAX_RECORD_BYTES } from '../read/csv.ts';
import { XLSX_UNZIPPED_LIMIT } from '../read/sources.ts';

export { statusZh };

/** The version of the policy that judged a finding, as reports show it beside the policy id: v1.1.0. */
export const versionText = (version: string) => (version ? `v${version}` : '');

export function departmentLabel(org: Organization, id: string): string {
  const d = org.departments.find((x) => x.id === id);
  return d ? `${d.name}（${d.nameEn}）` : id;
}

/** Groups items by department in the organisation's order, keeping their order within each. */
export function byDepartment<T extends { department: string }>(org: Organization, items: Iterable<T>): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.department);
    if (group) group.push(item);
    else groups.set(item.department, [item]);
  }
  const order = new Map(org.departments.map((d, i) => [d.id, i]));
  return [...groups.entries()].sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
}

export function headline(report: Report, org?: Organization): string {
  const s = report.summary;
  const only = report.department
    ? `，仅${org ? (org.departments.find((d) => d.id === report.department)?.name ?? report.department) : report.department}`
    : '';
  return (
    `截至 ${report.asOf}（${timeZoneName(report.timeZone)}，自 ${report.since} 起${only}）：` +
    `${[...statuses.keys()]
      .filter((k) => k === 'missing' || k === 'late' || (s.findings[k] ?? 0) > 0)
      .map((k) => `${statusZh(k)} ${s.findings[k] ?? 0} 项`)
      .join('，')}，${report.upcomingDays} 日内到期 ${s.upcoming} 项；` +
    `读取 ${s.rows.read} 行 = 接受 ${s.rows.accepted} + 拒绝 ${s.rows.rejected}；警告 ${s.warnings} 条。`
  );
}

// One formatter per zone: making an Intl.DateTimeFormat is costly (a formatter per finding took
// 23 s and 2.2 GB for a text report of 200,000 findings).
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The trends as rows for a table: per department, the on-time rate of each month; and per report
 * day, the findings open. Reporters and the compliance page lay them out.
 */
export function trendRows(org: Organization, trends: NonNullable<Report['trends']>) {
  const months = [...new Set(trends.onTime.map((t) => t.month))].sort();
  const departments = [...new Set(trends.onTime.map((t) => t.department))].sort(
    (a, b) => org.departments.findIndex((d) => d.id === a) - org.departments.findIndex((d) => d.id === b),
  );
  const rate = (month: string, department: string) => {
    const t = trends.onTime.find((x) => x.month === month && x.department === department);
    return t?.rate == null ? '—' : `${Math.round(t.rate * 100)}%`;
  };
  const onTime = departments.map((d) => ({
    department: departmentLabel(org, d),
    rates: months.map((m) => rate(m, d)),
  }));
  const open = trends.reports.map((day) => ({
    day,
    count: trends.open.filter((o) => o.asOf === day).reduce((n, o) => n + o.count, 0),
  }));
  return { months, onTime, open };
}

/** An instant as the organisation's clocks show it: 2026-12-01 00:30. */
export function localTime(iso: string, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format)
    formatters.set(
      timeZone,
      (format = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })),
    );
  return format.format(new Date(iso));
}

/** What the records show, in Chinese: when the evidence came, or what is missing or wrong (the status's own words). */
export function whenText(
  f: Pick<Finding, 'status' | 'actual' | 'daysLate'> & { detail?: string[] | null },
  timeZone: string,
): string {
  const fields = f.detail?.length ? f.detail.join('、') : '';
  const at = f.actual ? localTime(f.actual, timeZone) : '';
  const spec = statuses.get(f.status);
  return spec ? spec.says({ fields, at, daysLate: f.daysLate }) : statusZh(f.status);
}

/** Where a row is: `会议记录.xlsx:会议:15`, `meetings.csv:4`. */
export function sourceText(s: Pick<Source, 'file' | 'sheet'> & { line?: number }): string {
  return [s.file, s.sheet, s.line].filter((x) => x !== undefined && x !== '').join(':');
}

/** Where a record is, in a reader's words (the site): 会议记录.csv 第 11 行, 台账.xlsx “风险台账”表第 4 行. */
export function sourceWords(s: Pick<Source, 'file' | 'sheet'> & { line?: number }): string {
  const line = s.line === undefined ? '' : `第 ${s.line} 行`;
  return `${s.file}${s.sheet ? ` “${s.sheet}”表` : ''}${line ? (s.sheet ? line : ` ${line}`) : ''}`;
}

const unitZh = { year: '年度', half: '半年', quarter: '季度', month: '月份' } as Record<string, string>;
const planZh = { year: '年度', quarter: '季度', month: '月度' } as Record<string, string>;

/** Why a cell (or a row) was rejected, in Chinese. */
export function problemText(p: Pick<Problem, 'code' | 'args' | 'value'>, org: Organization): string {
  const args = p.args ?? {};
  switch (p.code) {
    case 'required':
      return p.value ? `必填，但“${p.value}”表示空` : '必填，但为空';
    case 'not-a-date':
      return `应为日期或日期时间，实际是 ${args.type}`;
    case 'unrecognised-date':
      return '无法识别的日期：应写作 2026-11-30、2026-11-30 18:00、2026/11/30 或 2026年11月30日';
    case 'no-such-day':
      return '日历上没有这一天';
    case 'no-such-time':
      return '没有这个时刻';
    case 'no-such-offset':
      return '没有这个时区偏移';
    case 'unrecognised-period':
      return '无法识别的期间：应写作 2027、2027-H1、2027年上半年、2027-Q1、2027年第一季度、2027-01 或 2027年1月';
    case 'no-such-month':
      return '没有这个月份';
    case 'not-a-number':
      return '应为数字，如 85、1,200 或 92.5%';
    case 'not-a-version':
      return '应为制度版本号，如 1.1.0 或 v1.1.0';
    case 'period-unit':
      return `这是${unitZh[args.found as string]}，而${planZh[args.expected as string]}计划的期间应为${unitZh[args.expected as string]}`;
    case 'unknown-department':
      return `未知部门；应为${org.departments.map((d) => d.name).join('、')}之一（也可用组织配置中的部门编号、英文名或别名）`;
    case 'unknown-value':
      return `应为 ${(args.expected as string[]).join('、')} 之一`;
    case 'unterminated-quote':
      return '引号未闭合：这一行开始的带引号字段直到文件末尾都没有结束引号，其后的内容无法分行；请补上或删去这个引号';
    case 'record-too-long':
      return `这一行超过 ${MAX_RECORD_BYTES / 1048576} MB，不像一条记录（可能整个文件没有换行，或引号未闭合），已跳到下一个换行继续读取；请检查导出设置`;
    case 'text-after-quote':
      return '结束引号之后还有文字：请用引号把整个单元格括起来';
    case 'invalid-json':
      return '不是有效的 JSON：每行应是一个 JSON 对象';
    case 'not-an-object':
      return '不是 JSON 对象：每一项应是一条记录';
    case 'formula-without-value':
      return '有单元格是没有计算结果的公式（文件由程序生成，未经 Excel 计算保存）：请在 Excel 或 WPS 中打开、重新计算并保存后再检查';
    case 'no-record-type':
      return '看不出是哪类记录：这个对象和它之前的对象都没有任何记录类型的字段';
    case 'not-an-approval':
      return `不是${args.platform ?? ''}审批实例：这个文件的其他行是审批实例，每行应是一个审批实例的接口返回`;
    case 'api-error':
      return '接口返回的是错误，不是审批实例：请重新获取这一条（npm run fetch 再次运行时会重新获取）';
    case 'root-department':
      return '发起人在公司根部门，不属于组织配置中的任何部门：请在审批表单中加一个“部门”字段并在 sources 的 fields 中映射，或让发起人在所属部门发起';
    case 'unmapped-department-id':
      return `发起人部门 ID“${p.value}”没有对应的部门：请在组织配置 sources 这一项的 departments 中加一行“${p.value}: <部门编号>”`;
    case 'unrecognised-trail':
      return '审批记录中有一行看不懂，这一行的审批不作猜测：应为每行“节点：审批人 结果 时间”，如“高层审批：王强 同意 2026-11-20 10:00”（结果为同意、拒绝、驳回或审批中）';
    case 'no-department':
      return '审批实例既没有映射到“部门”的表单字段，也没有发起人部门：请在 sources 的 fields 中把表单的部门字段映射为 department';
  }
}

const typeLabel = (type: unknown) => recordTypes[type as keyof typeof recordTypes]?.label ?? String(type);

/** Findings counted by status, in the registry's order, the ones that occur: 缺失 3 项，逾期 1 项. */
export function statusCounts(findings: readonly { status: string }[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
  return [...statuses.keys()]
    .filter((s) => counts.has(s))
    .map((s) => `${statusZh(s)} ${counts.get(s)} 项`)
    .join('，');
}

/** Findings most overdue first (then the earliest due), for a department head's list of what to do. */
export function byUrgency<T extends { daysLate: number; due: string }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => b.daysLate - a.daysLate || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** A time zone as a Chinese reader names it: 北京时间 rather than Asia/Shanghai; other zones by their id. */
export function timeZoneName(timeZone: string): string {
  const names: Record<string, string> = {
    'Asia/Shanghai': '北京时间',
    'Asia/Chongqing': '北京时间',
    'Asia/Hong_Kong': '香港时间',
    'Asia/Macau': '澳门时间',
    'Asia/Taipei': '台北时间',
    UTC: '协调世界时',
  };
  return names[timeZone] ?? timeZone;
}

/** A warning, in Chinese, with where it is. */
export function warningText(w: Warning): string {
  const v = w.values ?? {};
  const where = w.file ? `${sourceText({ file: w.file, sheet: w.sheet, line: w.line })}：` : '';
  switch (w.code) {
    case 'duplicate-record': {
      const lines = (v.lines as Source[]).map((s) => sourceText(s)).join('、');
      const more = (v.count as number) - 1 - (v.lines as Source[]).length;
      return (
        `${where}${typeLabel(v.type)}记录“${v.key}”共出现 ${v.count} 次${v.differs ? '，内容不同' : '，内容相同'}；以这里的第一条为准，` +
        `重复的在 ${lines}${more > 0 ? ` 等（另有 ${more} 处）` : ''}`
      );
    }
    case 'invalid-bytes':
      return `${where}有 ${v.count} 处字节不是有效的 ${v.encoding} 编码；如果文件以其他编码保存，请另存为 UTF-8 或 GB18030`;
    case 'skipped-file':
      return v.kind === 'folder'
        ? `${where}是文件夹，已跳过；检查只读导出文件夹里的文件，不读子文件夹`
        : `${where}不是导出文件，已跳过；检查只读 .csv、.xlsx、.json 和 .ndjson`;
    case 'old-excel':
      return `${where}是旧版 Excel（.xls）文件，已跳过；请在 Excel 或 WPS 中另存为 .xlsx 后再检查`;
    case 'unreadable-file':
      if (String(v.reason ?? '').startsWith('too-large:'))
        return `${where}解压后${v.reason === 'too-large:zip64' ? '按 ZIP64 记录（通常在 4 GB 以上）' : `有 ${String(v.reason).slice(10)} MB`}，超过工作簿上限 ${XLSX_UNZIPPED_LIMIT / 1048576} MB（可能是压缩炸弹，或远超台账规模的工作簿），已跳过；请把数据拆成几个文件，或导出为 CSV`;
      return `${where}不是可读的 Excel 工作簿（可能已损坏、加密，或是改了扩展名的其他文件），已跳过；请重新导出为 .xlsx`;
    case 'unrecognised-table':
      if (v.stated)
        return (
          `${where}的名称表明是${typeLabel(v.stated)}，但缺少列 ${(v.missing as string[]).join('、')}，已跳过${w.sheet ? '这张工作表' : '这个文件'}（${v.rows} 行）；` +
          '请在导出时加上这些列，或改名，或在 records.yaml 中映射'
        );
      if (Array.isArray(v.candidates))
        return (
          `${where}的列既像${(v.candidates as string[]).map((t) => typeLabel(t)).join('，又像')}，无法确定是哪一种记录，已跳过${w.sheet ? '这张工作表' : '这个文件'}（${v.rows} 行）` +
          `${(v.missing as string[]).length ? `；按${typeLabel(v.closest)}缺少列 ${(v.missing as string[]).join('、')}` : ''}。` +
          '请补齐所缺的列，或在文件名（如“绩效评估.csv”）、工作表名或 records.yaml 中写明记录类型'
        );
      return (
        `${where}表头不对应任何记录类型，已跳过${w.sheet ? '这张工作表' : '这个文件'}（${v.rows} 行）；` +
        `最接近的是${typeLabel(v.closest)}，缺少列 ${(v.missing as string[]).join('、')}。如果这是导出数据，请按检查说明页命名各列，或在 records.yaml 中映射`
      );
    case 'empty-table':
      return `${where}是空的，没有表头也没有记录`;
    case 'duplicate-column':
      return `${where}有多列对应字段 ${v.field}：使用“${v.used}”，忽略 ${(v.ignored as string[]).map((c) => `“${c}”`).join('、')}`;
    case 'no-records':
      return `没有读到任何${typeLabel(v.type)}记录：依据它的要求未核查（既不算违规，也不算符合）。请确认导出文件夹中包含这类文件。`;
    case 'unmapped-template':
      return `${where}${v.platform}审批“${v.template}”不在组织配置的 sources 中，其 ${v.instances} 个实例（${(v.ids as string[]).join('、')}${(v.instances as number) > (v.ids as string[]).length ? ' 等' : ''}）未作为记录读取、未核查：如需核查，请在 sources 中映射这个模板`;
    case 'unmapped-node':
      return `${where}${v.platform}审批“${v.template}”的节点“${v.node}”没有在 sources 的 steps 中映射（${v.instances} 个实例经过它），它的审批时间未读取`;
    case 'replaced-instance':
      return `${where}${v.platform}审批“${v.template}”有 ${v.instances} 个较早的实例被同一记录的较新实例取代（${(v.ids as string[]).join('、')}），以最新的一个为准`;
    case 'hidden-sheet':
      return `${where}是隐藏的工作表，已照常读取；如果其中是草稿或旧数据，请删除这张表或在 records.yaml 中忽略这个文件`;
    case 'not-a-file':
      return v.kind === 'broken-link'
        ? `${where}是指向不存在的文件（或循环）的链接，已跳过`
        : `${where}不是普通文件（管道、设备或套接字），已跳过；请把导出文件本身放进文件夹`;
    case 'ignored-file':
      return `${where}按 records.yaml 的 ignore 设置忽略，未读取`;
    case 'title-rows':
      return `${where}表头在第 ${w.line} 行，其上 ${v.rows} 行（自第 ${v.from} 行起）是标题，不是记录，已跳过`;
    case 'no-history':
      return `没有制度的修订历史（${v.reason === 'shallow' ? '浅克隆' : '不在 git 仓库中'}）：所有记录都按各制度的现行版本核查，而不是按截止日当时有效的版本。请在完整克隆中运行（CI 中设 fetch-depth: 0）`;
    case 'version-unreadable':
      return (
        `${v.policy} ${v.version} 版（${v.effective} 起${v.until ? `，至 ${v.until} 前` : ''}，提交 ${v.commit}）无法被本检查程序读取，` +
        `这段时间到期的记录按它之前的版本核查，没有更早的版本则不核查：${v.problem}`
      );
    case 'history-short':
      return (
        `修订历史中找不到 ${v.policy} 的 ${(v.versions as string[]).join('、')} 版（修订记录中有，历史可能被压缩或改写）：` +
        `历史中最早的是 ${v.oldest} 版（${v.effective} 起），此前到期的记录未按本制度核查。请在保留完整历史的仓库中运行`
      );
    case 'absent-column':
      if (v.partial)
        return (
          `${where}没有${(v.columns as string[]).map((c) => `“${c}”`).join('、')}列：${v.rows} 条${typeLabel(v.type)}记录按 ` +
          `${(v.obligations as string[]).join('、')} 只核查了不需要这些列的部分，需要这些列的部分未核查（缺列不等于未做）。如果原系统记录了这些信息，请在导出时加上这些列`
        );
      return (
        `${where}没有${(v.columns as string[]).map((c) => `“${c}”`).join('、')}列：其中 ${v.rows} 条${typeLabel(v.type)}记录未按 ` +
        `${(v.obligations as string[]).join('、')} 核查（缺列不等于未做）。` +
        (v.approvals
          ? '审批中有对应节点时，请在组织配置 sources 这一项的 steps（或 fields）中映射它'
          : '如果原系统记录了这些信息，请在导出时加上这些列')
      );
    case 'unanswered-records': {
      const lines = (v.lines as Source[]).map((s) => sourceText(s)).join('、');
      const values = (v.values as string[]).join('、');
      return (
        `${v.policy}“${v.title}”：${v.rows} 条记录无法核查（${v.reason}：${values}${(v.valueCount as number) > (v.values as string[]).length ? ` 等 ${v.valueCount} 个` : ''}）` +
        `${lines ? `，见 ${lines}` : ''}；既不算违规，也不算符合。请核对这些编号，或补全名册后重新检查`
      );
    }
    case 'unlinked-record':
      return (
        `${where}${v.rows} 条${typeLabel(v.type)}记录没有“${v.field}”，按${v.via}（${(v.ids as string[]).join('、')}${(v.idCount as number) > (v.ids as string[]).length ? ` 等 ${v.idCount} 个` : ''}）` +
        `在${typeLabel(v.linked)}导出中也找不到：这些记录由制度的负责部门承担。请在导出时加上“${v.field}”列，或把这些${typeLabel(v.linked)}一并导出`
      );
  }
}

/** A group of rejected rows, in Chinese: where, how many, the first lines. */
export function rejectionGroupText(g: RejectionGroup, org: Organization): string {
  const lines = g.lines.join('、') + (g.count > g.lines.length ? ` 等` : '');
  const column = g.column ? `列「${g.column}」` : '';
  const value = g.value ? `，如值「${g.value}」` : '';
  return `${sourceText({ file: g.file, sheet: g.sheet })} ${column}${g.count} 行${value}：${problemText(g, org)}（第 ${lines} 行）`;
}
