// 钉钉 approval instances as GET /v1.0/workflow/processInstances?processInstanceId= returns them
// (https://open.dingtalk.com/document/orgapp/obtains-the-details-of-a-single-approval-instance-pop):
// {result: {...}, success} or the result alone. Times are minute-precision ISO in UTC
// ("2022-08-31T11:52Z"); operationRecords is the trail, one record per action, the node in showName.
// The detail has no template name: its default title is <发起人>提交的<模板名>.
import { type ApprovalInstance, type ApprovalNode, formText, type PlatformReader } from './instance.ts';

const time = (v: unknown): number | null => {
  if (typeof v !== 'string' || !v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};

const inner = (o: Record<string, unknown>) =>
  'result' in o && o.result && typeof o.result === 'object' ? (o.result as Record<string, unknown>) : o;

/** Actions that are an approver's decision on a node (not starting, commenting or copying). */
const DECISIONS = new Set(['EXECUTE_TASK_NORMAL', 'EXECUTE_TASK_AGENT']);

export const dingtalk: PlatformReader = {
  platform: 'dingtalk',
  recognises(o) {
    const d = inner(o);
    return 'formComponentValues' in d || 'operationRecords' in d || ('businessId' in d && 'originatorUserId' in d);
  },
  read(o) {
    if (o.success === false) return { error: `钉钉返回错误：${String(o.message ?? o.code ?? '')}` };
    const d = inner(o);
    const serial = d.businessId;
    if (typeof serial !== 'string' || !serial) return { error: '钉钉审批实例没有 businessId' };
    const form = new Map<string, string>();
    for (const c of Array.isArray(d.formComponentValues) ? (d.formComponentValues as Record<string, unknown>[]) : [])
      if (typeof c.name === 'string') form.set(c.name, formText(c.value));
    // The detail does not say how a node signs. Each approver's decision is a record: a node is passed
    // at its last recorded approval (an either-signs node has one), and not while the instance runs
    // with a task of the node still open.
    const nodes = new Map<string, ApprovalNode>();
    for (const r of Array.isArray(d.operationRecords) ? (d.operationRecords as Record<string, unknown>[]) : []) {
      if (!DECISIONS.has(String(r.type))) continue;
      const name = String(r.showName ?? '');
      const node = nodes.get(name) ?? { name, mode: 'all' as const, tasks: [] };
      const result = r.result === 'AGREE' ? 'approved' : r.result === 'REFUSE' ? 'rejected' : 'other';
      node.tasks.push({ result, at: time(r.date) });
      nodes.set(name, node);
    }
    const status = String(d.status ?? '');
    const result = String(d.result ?? '').toLowerCase();
    // TERMINATED (撤销) is no approval even with result agree; COMPLETED with refuse is a rejection.
    const state: ApprovalInstance['state'] =
      status === 'COMPLETED' && result === 'agree'
        ? 'approved'
        : status === 'RUNNING' || status === 'NEW'
          ? 'pending'
          : 'void';
    const deptId = d.originatorDeptId === undefined ? undefined : String(d.originatorDeptId);
    const root = deptId === '1' || deptId === '-1';
    return {
      platform: 'dingtalk',
      serial,
      ...(typeof d.processCode === 'string' ? { code: d.processCode } : {}),
      ...(typeof d.title === 'string' ? { title: d.title } : {}),
      state,
      startedAt: time(d.createTime),
      department: {
        ...(typeof d.originatorDeptName === 'string' && !root ? { name: d.originatorDeptName } : {}),
        ...(deptId === undefined ? {} : { id: deptId }),
        ...(root ? { root: true, name: String(d.originatorDeptName ?? deptId) } : {}),
      },
      form,
      nodes: [...nodes.values()],
    };
  },
};
