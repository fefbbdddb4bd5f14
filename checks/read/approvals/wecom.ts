// 企业微信 approval instances as POST /cgi-bin/oa/getapprovaldetail returns them
// (https://developer.work.weixin.qq.com/document/path/91983): {errcode, errmsg, info} or the info
// alone. Times are Unix seconds; sp_record is the trail, one entry per node in order (nodes have no
// names: "1", "2"…), approverattr 1 或签 / 2 会签, details one per approver.
import { type ApprovalInstance, type ApprovalNode, formText, type PlatformReader, type Task } from './instance.ts';

const seconds = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n * 1000 : null;
};

/** sp_status of an instance: 1 审批中, 2 已通过, 3 已驳回, 4 已撤销, 6 通过后撤销, 7 已删除, 10 已支付. */
const STATES: Record<number, ApprovalInstance['state']> = {
  1: 'pending',
  2: 'approved',
  3: 'void',
  4: 'void',
  6: 'void',
  7: 'void',
  10: 'approved',
};

/** sp_status of an approver: 1 审批中, 2 已同意, 3 已驳回, 4 已转审 (others: 已退回, 加签…). */
const RESULTS: Record<number, Task['result']> = { 1: 'pending', 2: 'approved', 3: 'rejected' };

const inner = (o: Record<string, unknown>) =>
  'info' in o && o.info && typeof o.info === 'object' ? (o.info as Record<string, unknown>) : o;

/** A control's value as text, by its kind (Text, Number, Money, Date, Selector, Contact…). */
function controlText(control: string, value: Record<string, unknown> | undefined): string {
  if (!value) return '';
  if (control === 'Text' || control === 'Textarea') return formText(value.text);
  if (control === 'Number') return formText(value.new_number);
  if (control === 'Money') return formText(value.new_money);
  if (control === 'Date') {
    const at = seconds((value.date as Record<string, unknown> | undefined)?.s_timestamp);
    return at === null ? '' : new Date(at).toISOString();
  }
  if (control === 'Selector') {
    const options = ((value.selector as Record<string, unknown> | undefined)?.options ?? []) as Record<
      string,
      unknown
    >[];
    return options.map((op) => formText((op.value as { text?: string }[] | undefined)?.map((v) => v.text))).join('、');
  }
  if (control === 'Contact')
    return formText([...((value.members as unknown[]) ?? []), ...((value.departments as unknown[]) ?? [])]);
  return formText(value.text ?? value);
}

export const wecom: PlatformReader = {
  platform: 'wecom',
  recognises(o) {
    const d = inner(o);
    return 'sp_no' in d || 'sp_record' in d || ('errcode' in o && 'info' in o);
  },
  read(o) {
    if ('errcode' in o && o.errcode !== 0)
      return { error: `企业微信返回错误 errcode ${String(o.errcode)}：${String(o.errmsg ?? '')}` };
    const d = inner(o);
    const serial = d.sp_no === undefined ? undefined : String(d.sp_no);
    if (!serial) return { error: '企业微信审批实例没有 sp_no' };
    const form = new Map<string, string>();
    const contents = ((d.apply_data as Record<string, unknown> | undefined)?.contents ?? []) as Record<
      string,
      unknown
    >[];
    for (const c of contents) {
      const titles = (c.title ?? []) as { text?: string; lang?: string }[];
      const label = (titles.find((t) => t.lang === 'zh_CN') ?? titles[0])?.text;
      if (label) form.set(label, controlText(String(c.control), c.value as Record<string, unknown> | undefined));
    }
    const records = (Array.isArray(d.sp_record) ? d.sp_record : []) as Record<string, unknown>[];
    const nodes: ApprovalNode[] = records.map((r, i) => ({
      name: String(i + 1),
      mode: r.approverattr === 2 ? 'all' : 'any',
      tasks: ((r.details ?? []) as Record<string, unknown>[]).map((t) => {
        const result = RESULTS[Number(t.sp_status)] ?? 'other';
        return { result, at: result === 'approved' || result === 'rejected' ? seconds(t.sptime) : null };
      }),
    }));
    const code = Number(d.sp_status);
    const applyer = (d.applyer ?? {}) as Record<string, unknown>;
    const party = applyer.partyid === undefined ? undefined : String(applyer.partyid);
    return {
      platform: 'wecom',
      serial,
      ...(typeof d.sp_name === 'string' ? { template: d.sp_name } : {}),
      ...(typeof d.template_id === 'string' ? { code: d.template_id } : {}),
      state: STATES[code] ?? 'pending',
      startedAt: seconds(d.apply_time),
      department: party === undefined ? {} : { id: party, ...(party === '1' ? { root: true } : {}) },
      form,
      nodes,
    };
  },
};
