// The approval lists 飞书, 钉钉 and 企业微信 export to Excel (or CSV): one row per instance, the
// platform's own columns (审批编号, 标题, 审批状态, 审批结果, 发起时间, 发起人部门, 审批记录, … in
// the wording of each export version) beside one column per form field. A sheet is such a list when
// its header has a serial, a status and a start column; its template is named by 审批名称, by the
// title (<发起人>提交的<模板名>), or by the sheet's or file's name.
//
// The whole trail is one cell (审批记录): read line by line as “节点：审批人 结果 时间”
// (高层审批：王强 同意 2026-11-20 10:00). A line in another shape is not guessed at: the row is refused,
// naming the cell and the shape expected.
import { parseTimestamp, type WallClock } from '../values.ts';
import type { ApprovalInstance, ApprovalNode, PlatformReader, Task } from './instance.ts';

/** The export's own columns, by every wording seen; the first is how messages name it. */
const COLUMNS = {
  serial: ['审批编号', '申请编号', '审批单号', '单号'],
  template: ['审批名称', '模板名称', '审批类型', '表单名称'],
  title: ['标题', '审批标题'],
  status: ['审批状态', '申请状态', '状态'],
  result: ['审批结果', '结果'],
  started: ['审批发起时间', '发起时间', '申请时间', '提交时间', '创建时间'],
  department: ['发起人部门', '申请人部门', '所在部门'],
  trail: ['审批记录', '审批流程', '审批历史', '审批详情'],
} as const;

type Column = keyof typeof COLUMNS;

/** Where each of the export's own columns is, when the header is a platform's approval list. */
export function exportColumns(header: unknown[]): Partial<Record<Column, number>> | undefined {
  const names = header.map((c) => String(c ?? '').trim());
  const found: Partial<Record<Column, number>> = {};
  for (const [column, words] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = names.findIndex((n) => words.includes(n));
    if (at >= 0) found[column] = at;
  }
  return found.serial !== undefined && found.status !== undefined && found.started !== undefined ? found : undefined;
}

const VOID = /撤销|撤回|终止|删除|拒绝|驳回|不同意|REVOKE|TERMINAT|REFUSE|REJECT|CANCEL/i;
const DONE = /完成|通过|同意|结束|COMPLETED|APPROVED|AGREE/i;

const RESULT: [RegExp, Task['result']][] = [
  [/^(已)?(同意|通过)$/, 'approved'],
  [/^(已)?(拒绝|驳回)$/, 'rejected'],
  [/^(审批中|待审批|处理中)$/, 'pending'],
];
/** 节点：审批人 结果 [时间] */
const LINE = /^(.+?)[：:]\s*(\S+)\s+(\S+?)(?:\s+(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?))?\s*$/;

/** The shape a trail line must have, as a refused row says it. */
export const TRAIL_SHAPE = '每行“节点：审批人 结果 时间”，如“高层审批：王强 同意 2026-11-20 10:00”';

/** The rows of an approval list as instances: cells keyed by the header's names. */
export function exportReader(
  header: string[],
  columns: Partial<Record<Column, number>>,
  clock: WallClock,
  table: string,
): PlatformReader {
  const own = new Set(Object.values(columns));
  const text = (cells: unknown[], column: Column) => {
    const at = columns[column];
    const v = at === undefined ? undefined : cells[at];
    return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
  };
  const time = (value: unknown): number | null => {
    if (value === null || value === undefined || value === '') return null;
    const parsed = parseTimestamp(value, clock);
    return parsed.ok ? parsed.value : null;
  };
  return {
    platform: 'export',
    recognises: (o) => Array.isArray((o as { cells?: unknown }).cells),
    read(o) {
      const cells = (o as { cells: unknown[] }).cells;
      const serial = text(cells, 'serial');
      if (!serial) return { error: `没有${COLUMNS.serial[0]}` };
      const form = new Map<string, string>();
      header.forEach((name, i) => {
        if (!own.has(i) && name)
          form.set(name, cells[i] instanceof Date ? (cells[i] as Date).toISOString() : String(cells[i] ?? ''));
      });
      const status = text(cells, 'status');
      const result = text(cells, 'result');
      const words = `${status} ${result}`;
      const state: ApprovalInstance['state'] = VOID.test(words) ? 'void' : DONE.test(status) ? 'approved' : 'pending';
      // The trail, node by node; a line in no known shape refuses the row, naming the line.
      const nodes = new Map<string, ApprovalNode>();
      for (const line of text(cells, 'trail').split(/\r?\n/)) {
        if (!line.trim() || /^(发起|发起人|提交)[：:]/.test(line.trim())) continue;
        const m = LINE.exec(line.trim());
        const said = m && RESULT.find(([re]) => re.test(m[3]!))?.[1];
        if (!m || !said) return { error: 'unrecognised-trail', column: COLUMNS.trail[0], value: line.trim() };
        const node = nodes.get(m[1]!.trim()) ?? { name: m[1]!.trim(), mode: 'all' as const, tasks: [] };
        node.tasks.push({ result: said, at: said === 'pending' ? null : time(m[4]) });
        nodes.set(node.name, node);
      }
      const template = text(cells, 'template');
      const title = text(cells, 'title');
      const department = text(cells, 'department');
      return {
        platform: 'export',
        serial,
        ...(template ? { template } : { template: table }),
        ...(title ? { title } : {}),
        state,
        startedAt: time(cells[columns.started!]),
        department: department ? { name: department } : {},
        form,
        nodes: [...nodes.values()],
      };
    },
  };
}
