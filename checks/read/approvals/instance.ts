// An approval instance of 飞书, 钉钉 or 企业微信, read from its API response into one shape, and
// made into a record of the type its template maps to (the organisation config's `sources`).
// Each platform's reader (feishu.ts, dingtalk.ts, wecom.ts) knows its own response; what an
// instance means for a record — which node's time is a step, when an instance is no approval,
// whose department it is — is decided here, once for all three.
import type { Source } from '../../../src/schema/organization.ts';
import { recordTypes, type RecordFieldSpec } from '../../../src/schema/record-types.ts';

/** The platform an instance comes from; an Excel or CSV list exported from any of them is 'export'. */
export type Platform = Source['platform'] | 'export';

/** One approver's part in a node. */
export interface Task {
  result: 'approved' | 'rejected' | 'pending' | 'other';
  /** When they acted (epoch ms); null while pending or when the platform gives no time. */
  at: number | null;
}

/** A node of the approval's trail: its approvers and how they sign. */
export interface ApprovalNode {
  /** As the platform names it; 企业微信 names none: its position, "1", "2"… */
  name: string;
  /** any: done at the first approval (或签); all: at the last (会签); auto: passed with no approver. */
  mode: 'any' | 'all' | 'auto';
  tasks: Task[];
}

export interface ApprovalInstance {
  platform: Platform;
  /** The platform's serial: 飞书 serial_number, 钉钉 businessId, 企业微信 sp_no. */
  serial: string;
  /** The template's name, where the response gives it (钉钉 gives a title instead). */
  template?: string;
  /** The template's code, where the response gives it. */
  code?: string;
  title?: string;
  /** approved; pending; void: rejected, cancelled, deleted or revoked — no approval. */
  state: 'approved' | 'pending' | 'void';
  /** When it was submitted (epoch ms). */
  startedAt: number | null;
  /** The initiator's department: by name (钉钉), else by the platform's id. */
  department: { name?: string; id?: string; root?: boolean };
  /** Form fields by label, as text. */
  form: Map<string, string>;
  nodes: ApprovalNode[];
}

/** A platform's reader: the instance in an API response, or undefined when it is not its shape. */
export interface PlatformReader {
  platform: Platform;
  /** Whether an object is this platform's response (or the instance inside one). */
  recognises(o: Record<string, unknown>): boolean;
  /** The instance, or a reason it cannot be read (an error response, a missing serial). */
  read(o: Record<string, unknown>): ApprovalInstance | { error: string; column?: string; value?: string };
}

/**
 * The time a node was passed: an either-signs node at its first approval, a countersign node at its
 * last once every approver has approved; none while an approver is still to act, after a rejection,
 * or for an automatic pass (no one reviewed).
 */
export function nodeTime(node: ApprovalNode): number | null {
  if (node.mode === 'auto') return null;
  if (node.tasks.some((t) => t.result === 'rejected')) return null;
  const approved = node.tasks.filter((t) => t.result === 'approved' && t.at !== null).map((t) => t.at!);
  if (!approved.length) return null;
  if (node.mode === 'any') return Math.min(...approved);
  return node.tasks.some((t) => t.result === 'pending') ? null : Math.max(...approved);
}

/** The step a record starts with (submitted, requested, proposed): its type's first time field. */
export function firstStep(records: string): string | undefined {
  const fields = (recordTypes as Record<string, { fields: Record<string, RecordFieldSpec> }>)[records]?.fields ?? {};
  return Object.entries(fields).find(([, f]) => f.kind === 'timestamp')?.[0];
}

/** Whether a source entry is the template of an instance: by code where both have one, else by name. */
export function sourceOf(instance: ApprovalInstance, sources: readonly Source[]): Source | undefined {
  // An exported list does not say its platform: its template is looked for among them all.
  const mine = instance.platform === 'export' ? sources : sources.filter((s) => s.platform === instance.platform);
  return (
    mine.find((s) => s.code !== undefined && s.code === instance.code) ??
    mine.find((s) => s.template === instance.template) ??
    // 钉钉's instance detail has no template name: its default title is <发起人>提交的<模板名>.
    mine.find((s) => instance.title?.endsWith(`提交的${s.template}`))
  );
}

/** What went wrong with a record made from an instance: the field, the value, the problem. */
export interface RecordProblem {
  code: 'root-department' | 'unmapped-department-id' | 'no-department';
  column: string;
  value: string;
}

export interface MadeRecord {
  id: string;
  values: Record<string, string | null>;
  problem?: RecordProblem;
  /** Nodes of the instance that no step maps (they are said once per template and node). */
  unmappedNodes: string[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The record an instance of `source`'s template becomes. */
export function recordOf(instance: ApprovalInstance, source: Source): MadeRecord {
  const type = (recordTypes as Record<string, { key: string }>)[source.records]!;
  const values: Record<string, string | null> = {};
  for (const [label, field] of Object.entries(source.fields)) {
    const value = instance.form.get(label);
    if (value !== undefined) values[field] = value.trim() === '' ? null : value;
  }
  const id = values[type.key] ?? instance.serial;
  values[type.key] = id;
  // Submitted when it was started, unless the mapping says otherwise.
  const first = firstStep(source.records);
  if (first && !(first in values) && !Object.values(source.steps).includes(first))
    values[first] = iso(instance.startedAt);
  // The steps: a node's time once passed; a void instance approved nothing.
  const byName = new Map(instance.nodes.map((n) => [n.name, n]));
  for (const [node, field] of Object.entries(source.steps)) {
    const found = byName.get(node);
    values[field] = instance.state === 'void' || !found ? null : iso(nodeTime(found));
  }
  const unmappedNodes = instance.nodes.filter((n) => n.mode !== 'auto' && !(n.name in source.steps)).map((n) => n.name);
  const made: MadeRecord = { id, values, unmappedNodes };
  // The department: a form field mapped to it, else the initiator's, by name or by a mapped id.
  if (
    !('department' in values) &&
    'department' in (recordTypes as Record<string, { fields: object }>)[source.records]!.fields
  ) {
    const { name, id: deptId, root } = instance.department;
    if (root) made.problem = { code: 'root-department', column: 'department', value: name ?? deptId ?? '' };
    else if (name) values.department = name;
    else if (deptId && source.departments?.[deptId]) values.department = source.departments[deptId]!;
    else if (deptId) made.problem = { code: 'unmapped-department-id', column: 'department', value: deptId };
    else made.problem = { code: 'no-department', column: 'department', value: '' };
  }
  return made;
}

/** Text of a form value: a list joined with 、, an object by its name or text. */
export function formText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formText).filter(Boolean).join('、');
  const o = value as Record<string, unknown>;
  for (const k of ['name', 'text', 'value', 'label']) if (typeof o[k] === 'string') return o[k] as string;
  return JSON.stringify(value);
}

/** A time the platform writes as epoch milliseconds in a string ("0" or "" = none). */
export const fromMillis = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
};
