// Approval instances of 飞书, 钉钉 and 企业微信 in an export folder: a JSON file of one API response,
// a JSON array of them, or NDJSON with one per line, recognised by shape. Each instance of a template
// the organisation config maps (`sources`) becomes a record of its type; the rest is said, counted:
// an instance of a template not mapped, a node no step maps, an earlier instance of a record a later
// one replaces (a resubmission after rejection, 钉钉's new instance after a modification).
import type { Source } from '../../../src/schema/organization.ts';
import { recordTypes } from '../../../src/schema/record-types.ts';
import { ArrayCells } from '../cells.ts';
import type { Cells } from '../cells.ts';
import type { ProblemCode } from '../values.ts';
import { dingtalk } from './dingtalk.ts';
import { feishu } from './feishu.ts';
import {
  type ApprovalInstance,
  firstStep,
  type MadeRecord,
  type Platform,
  type PlatformReader,
  recordOf,
  sourceOf,
} from './instance.ts';
import { wecom } from './wecom.ts';

const readers: PlatformReader[] = [feishu, dingtalk, wecom];

/** The platform whose approval instance (or API response holding one) an object is, if any. */
export function approvalReader(o: unknown): PlatformReader | undefined {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  return readers.find((r) => r.recognises(o as Record<string, unknown>));
}

/** A row refused as a whole, with the column and value it concerns when there is one. */
export interface RowProblem {
  code: ProblemCode;
  column?: string;
  value?: string;
  args?: Record<string, string>;
}

/** Where the records go: a source reader's handler (sources.ts). */
export interface ApprovalSink {
  /** A new table starts; `approvals`: its rows are approval instances, its columns what the mapping provides. */
  begin(section: string | undefined, hidden?: boolean, approvals?: boolean): void;
  /**
   * The table's column names. `open`: the names are keys of JSON objects, a later object may add
   * keys (header is called again with the longer list, the earlier names first and in place), and
   * an object without a key has no value for it.
   */
  header(cells: unknown[], line: number, open?: boolean): void;
  /** A row: valid only during the call (a CSV row's bytes are reused for the next one). */
  row(cells: Cells, line: number, problem?: ProblemCode | RowProblem): void;
  /** Something about the file said once, counted (an approval template the config does not map). */
  warn?(
    code: 'unmapped-template' | 'unmapped-node' | 'replaced-instance',
    values: Record<string, string | number | string[]>,
  ): void;
}

/** An object of the file and where it is: its line (NDJSON) or its position in the array (JSON). */
export interface Located {
  line: number;
  /** The parsed object, or why the line could not be parsed. */
  object?: unknown;
  problem?: 'invalid-json' | 'record-too-long';
}

/** How many of what was said, per key, with the first few examples. */
class Tally {
  readonly counts = new Map<string, { values: Record<string, string>; count: number; ids: string[] }>();
  add(key: string, values: Record<string, string>, id?: string) {
    const entry = this.counts.get(key) ?? { values, count: 0, ids: [] };
    entry.count++;
    if (id && entry.ids.length < 5) entry.ids.push(id);
    this.counts.set(key, entry);
  }
}

/**
 * Reads the objects of one file as approval instances of `reader`'s platform and hands the records
 * they make to `h`: one table per record type (named by the type, which declares it), rows in file
 * order at their own lines. Lines that are no instance are rejected rows of a table of no type.
 */
export function readApprovals(objects: Located[], reader: PlatformReader, sources: readonly Source[], h: ApprovalSink) {
  const bad: { line: number; problem: RowProblem | 'invalid-json' | 'record-too-long' }[] = [];
  const unmapped = new Tally();
  const nodes = new Tally();
  const replaced = new Tally();
  /** The latest instance of each record, by type and id. */
  const latest = new Map<string, { line: number; instance: ApprovalInstance; source: Source; made: MadeRecord }>();
  for (const { line, object, problem } of objects) {
    if (problem) {
      bad.push({ line, problem });
      continue;
    }
    const o = object as Record<string, unknown>;
    if (!o || typeof o !== 'object' || Array.isArray(o) || !reader.recognises(o)) {
      // An error the platform answered in place of an instance (an expired token), or something else.
      const read = o && typeof o === 'object' && !Array.isArray(o) ? reader.read(o) : undefined;
      const answered = read && 'error' in read && read.error.includes('返回错误') ? read.error : undefined;
      bad.push({
        line,
        problem: answered
          ? { code: 'api-error', value: answered }
          : { code: 'not-an-approval', args: { platform: PLATFORM_ZH[reader.platform] } },
      });
      continue;
    }
    const instance = reader.read(o);
    if ('error' in instance) {
      bad.push({
        line,
        problem:
          instance.error === 'unrecognised-trail'
            ? { code: 'unrecognised-trail', column: instance.column ?? '', value: instance.value ?? '' }
            : { code: 'api-error', value: instance.error },
      });
      continue;
    }
    const source = sourceOf(instance, sources);
    if (!source) {
      const template = instance.template ?? instance.title ?? instance.code ?? '';
      unmapped.add(template, { platform: PLATFORM_ZH[instance.platform], template }, instance.serial);
      continue;
    }
    const made = recordOf(instance, source);
    for (const node of made.unmappedNodes)
      nodes.add(`${source.template}\u0000${node}`, {
        platform: PLATFORM_ZH[instance.platform],
        template: source.template,
        node,
      });
    const key = `${source.records}\u0000${made.id}`;
    const earlier = latest.get(key);
    // The same instance fetched again (npm run fetch takes a pending one again later): the later answer.
    if (earlier && earlier.instance.serial === instance.serial) {
      latest.set(key, { line, instance, source, made });
      continue;
    }
    // The latest instance of a record counts: by when it was started, then by its place in the file.
    if (earlier && (earlier.instance.startedAt ?? 0) > (instance.startedAt ?? 0)) {
      replaced.add(source.template, { platform: PLATFORM_ZH[instance.platform], template: source.template }, made.id);
      continue;
    }
    if (earlier)
      replaced.add(source.template, { platform: PLATFORM_ZH[instance.platform], template: source.template }, made.id);
    latest.set(key, { line, instance, source, made });
  }

  if (bad.length) {
    h.begin(undefined);
    h.header([], bad[0]!.line, true);
    for (const b of bad) h.row(new ArrayCells([]), b.line, b.problem);
  }
  // One table per template, named by its record type (which declares it) and the template, its
  // rows in file order. Its columns are what the mapping provides: a step it does not name is an
  // absent column (not judged, warned), as in any export, never an empty value in every row.
  const byTemplate = new Map<Source, { line: number; made: MadeRecord }[]>();
  for (const { line, source, made } of latest.values())
    byTemplate.set(source, [...(byTemplate.get(source) ?? []), { line, made }]);
  for (const [source, rows] of byTemplate) {
    const type = source.records;
    rows.sort((a, b) => a.line - b.line);
    const header = columnsOf(source);
    h.begin(`${recordTypes[type as keyof typeof recordTypes].label}·${source.template}`, false, true);
    h.header(header, rows[0]!.line);
    for (const { line, made } of rows) {
      const cells = new ArrayCells(header.map((k) => made.values[k] ?? null));
      if (!made.problem) {
        h.row(cells, line);
        continue;
      }
      const field = (recordTypes as Record<string, { fields: Record<string, { zh: string }> }>)[type]!.fields[
        made.problem.column
      ];
      h.row(cells, line, {
        code: made.problem.code,
        column: field?.zh ?? made.problem.column,
        value: made.problem.value,
      });
    }
  }
  for (const { values, count, ids } of unmapped.counts.values())
    h.warn?.('unmapped-template', { ...values, instances: count, ids });
  for (const { values, count } of nodes.counts.values()) h.warn?.('unmapped-node', { ...values, instances: count });
  for (const { values, count, ids } of replaced.counts.values())
    h.warn?.('replaced-instance', { ...values, instances: count, ids });
}

/** The record fields an instance of a template gives: its id, its start, its form fields and steps, its department. */
function columnsOf(source: Source): string[] {
  const type = (recordTypes as Record<string, { key: string; fields: Record<string, unknown> }>)[source.records]!;
  const first = firstStep(source.records);
  return [
    ...new Set([
      type.key,
      ...(first ? [first] : []),
      ...Object.values(source.fields),
      ...Object.values(source.steps),
      ...('department' in type.fields ? ['department'] : []),
    ]),
  ];
}

export const PLATFORM_ZH: Record<Platform, string> = {
  feishu: '飞书',
  dingtalk: '钉钉',
  wecom: '企业微信',
  export: '导出的',
};
