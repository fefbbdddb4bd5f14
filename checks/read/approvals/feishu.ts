// 飞书 approval instances as GET /open-apis/approval/v4/instances/:instance_id returns them
// (https://open.feishu.cn/document/server-docs/approval-v4/instance/get): the response
// {code, msg, data} or its data alone. Times are epoch milliseconds in strings, "0" while
// unfinished; the form is a JSON string of widgets; task_list has one task per approver and node.
import {
  type ApprovalInstance,
  type ApprovalNode,
  fromMillis,
  formText,
  type PlatformReader,
  type Task,
} from './instance.ts';

const STATES: Record<string, ApprovalInstance['state']> = {
  APPROVED: 'approved',
  PENDING: 'pending',
  REJECTED: 'void',
  CANCELED: 'void',
  DELETED: 'void',
};

const RESULTS: Record<string, Task['result']> = {
  APPROVED: 'approved',
  REJECTED: 'rejected',
  PENDING: 'pending',
};

/** A node's signing: AND 会签, OR 或签, AUTO_PASS 自动通过 (SEQUENTIAL 依次审批 waits for each, as AND). */
const MODES: Record<string, ApprovalNode['mode']> = {
  AND: 'all',
  OR: 'any',
  SEQUENTIAL: 'all',
  AUTO_PASS: 'auto',
  AUTO_REJECT: 'auto',
};

const inner = (o: Record<string, unknown>) =>
  'data' in o && o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : o;

export const feishu: PlatformReader = {
  platform: 'feishu',
  recognises(o) {
    const d = inner(o);
    return 'approval_code' in d || ('task_list' in d && 'serial_number' in d);
  },
  read(o) {
    if ('code' in o && o.code !== 0) return { error: `飞书返回错误 code ${String(o.code)}：${String(o.msg ?? '')}` };
    const d = inner(o);
    const serial = d.serial_number ?? d.instance_code;
    if (typeof serial !== 'string' || !serial) return { error: '飞书审批实例没有 serial_number' };
    let widgets: unknown = [];
    try {
      widgets = typeof d.form === 'string' ? JSON.parse(d.form) : (d.form ?? []);
    } catch {
      return { error: '飞书审批实例的 form 不是有效的 JSON' };
    }
    const form = new Map<string, string>();
    for (const w of Array.isArray(widgets) ? (widgets as Record<string, unknown>[]) : [])
      if (typeof w.name === 'string') form.set(w.name, formText(w.value));
    // One node per node_id, in the order the tasks come, its tasks the approvers'.
    const nodes = new Map<string, ApprovalNode>();
    for (const t of Array.isArray(d.task_list) ? (d.task_list as Record<string, unknown>[]) : []) {
      const key = String(t.node_id ?? t.node_name ?? '');
      const node = nodes.get(key) ?? {
        name: String(t.node_name ?? key),
        mode: MODES[String(t.type)] ?? 'all',
        tasks: [],
      };
      const result = RESULTS[String(t.status)] ?? 'other';
      node.tasks.push({ result, at: result === 'approved' || result === 'rejected' ? fromMillis(t.end_time) : null });
      nodes.set(key, node);
    }
    const status = String(d.status ?? '');
    const deptId = typeof d.department_id === 'string' ? d.department_id : undefined;
    return {
      platform: 'feishu',
      serial,
      ...(typeof d.approval_name === 'string' ? { template: d.approval_name } : {}),
      ...(typeof d.approval_code === 'string' ? { code: d.approval_code } : {}),
      // An instance reverted after approval (撤回) approved nothing.
      state: d.reverted === true ? 'void' : (STATES[status] ?? 'pending'),
      startedAt: fromMillis(d.start_time),
      department: deptId === undefined ? {} : { id: deptId, ...(deptId === '0' ? { root: true } : {}) },
      form,
      nodes: [...nodes.values()],
    };
  },
};
