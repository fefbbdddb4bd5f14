// Reads a folder's exports into the checks: the one door through which rows reach them. How they
// are read (a large CSV file on two threads, a second look for ids seen twice) stays here; the
// checks, the rules and the reporters see records in file and line order either way.
import { join } from 'node:path';
import type { Timeline } from '../../src/model/timeline.ts';
import { mapHeader } from '../read/records.ts';
import { formatOf, type Part, type SourceInfo } from '../read/sources.ts';
import type { CheckContext } from './context.ts';
import { CheckError } from './errors.ts';
import { countNewlines, csvHeader, planParts, readPartInWorker } from './parallel.ts';
import { linksOf, recordTypes } from '../../src/schema/record-types.ts';
import {
  findFirstSightings,
  findLinked,
  mappingFor,
  type Reading,
  type ReadingMark,
  UnreadableFile,
} from './reading.ts';

/** How a file was read: for tests that must notice when two threads quietly became one. */
export interface ReadEvent {
  file: string;
  threads: 1 | 2;
  /** Why a file planned for two threads was read (partly) again on one. */
  fallback?: 'record-across-cut' | 'repeated-id' | 'worker-failed';
  error?: string;
}

export interface ReadExportsOptions {
  ctx: CheckContext;
  /** The policy versions whose obligations the checks enforce (a worker builds the same checks). */
  timeline: Timeline;
  /** Told how each file was read (one or two threads, and why a fallback happened). */
  onRead?: (event: ReadEvent) => void;
  /** CSV files of this size or more are read on two threads (tests lower it). */
  parallelMinBytes?: number;
}

/** A file whose second part a worker is reading, and where its results belong. */
interface Pending {
  name: string;
  type: string;
  second: Part;
  cut: number;
  worker: ReturnType<typeof readPartInWorker>;
  first: SourceInfo;
  mark: ReadingMark;
}

/**
 * Reads the named exports of `dir`, in order, into `reading`; then places ids seen more than once,
 * and fills what held-back records leave empty from the records they link to.
 */
export async function readExports(reading: Reading, dir: string, names: string[], options: ReadExportsOptions) {
  await readAll(reading, dir, names, options);
  if (reading.repeats.size) await placeRepeats(reading, dir, names);
  if (reading.held.length) await settleLinks(reading, dir, names);
}

/**
 * Records that leave a linked field empty (a decisions export without 组织部门): the second look
 * reads the linked tables (the meetings) for the ids they name and fills the field from there,
 * then hands each record to its checks, in file and line order. A record whose linked record is
 * in no export keeps the field empty (the policy's owner carries it, as for a record naming
 * none), and a warning per table says how many and which ids were not found.
 */
async function settleLinks(reading: Reading, dir: string, names: string[]) {
  const held = reading.held.splice(0);
  held.sort((a, b) =>
    a.record.file !== b.record.file
      ? a.record.file < b.record.file
        ? -1
        : 1
      : (a.record.sheet ?? '') !== (b.record.sheet ?? '')
        ? (a.record.sheet ?? '') < (b.record.sheet ?? '')
          ? -1
          : 1
        : a.record.line - b.record.line,
  );
  const types = new Set(held.map((h) => h.record.type));
  for (const type of types) {
    for (const link of linksOf(type)) {
      // Only the records whose checks read the field (a decision's meeting time, where an
      // obligation dates decisions by it) wait for it.
      const waiting = held.filter(
        (h) =>
          h.record.type === type &&
          h.record.values[link.field] == null &&
          h.checks.some((i) => reading.checks[i]!.fields.includes(link.field)),
      );
      const wanted = new Set(
        waiting.map((h) => h.record.values[link.via] as string | null).filter((v): v is string => v !== null),
      );
      if (!wanted.size) continue;
      // Only the files that held the linked type on the first look.
      const files = names.filter((n) => reading.files.some((f) => f.file === n && f.type === link.records));
      const found = await findLinked(dir, files, link, wanted, reading.options);
      const missing = new Map<string, { file: string; sheet?: string; rows: number; ids: Set<string> }>();
      for (const h of waiting) {
        const id = h.record.values[link.via] as string;
        const value = found.get(id) ?? null;
        if (value !== null) {
          h.record.values[link.field] = value;
          continue;
        }
        let m = missing.get(h.table);
        if (!m)
          missing.set(
            h.table,
            (m = {
              file: h.record.file,
              ...(h.record.sheet === undefined ? {} : { sheet: h.record.sheet }),
              rows: 0,
              ids: new Set(),
            }),
          );
        m.rows++;
        m.ids.add(id);
      }
      const fields = recordTypes[type].fields as Record<string, { zh: string }>;
      const linked = recordTypes[link.records].fields as Record<string, { zh: string }>;
      for (const m of missing.values())
        reading.warnings.push({
          code: 'unlinked-record',
          file: m.file,
          ...(m.sheet === undefined ? {} : { sheet: m.sheet }),
          values: {
            type,
            linked: link.records,
            field: fields[link.field]!.zh,
            via: linked[recordTypes[link.records].key]!.zh,
            rows: m.rows,
            ids: [...m.ids].slice(0, LINK_IDS_SHOWN),
            idCount: m.ids.size,
          },
        });
    }
  }
  for (const h of held) for (const i of h.checks) reading.checks[i]!.onRecord(h.record);
}

/** Ids named in an unlinked-record warning; the count says how many records there were. */
const LINK_IDS_SHOWN = 5;

async function readWhole(reading: Reading, dir: string, name: string) {
  try {
    reading.finishFile(name, await reading.readFile(dir, name));
  } catch (error) {
    if (error instanceof UnreadableFile)
      reading.skipFile(name, formatOf(name)!, 'unreadable-file', { reason: error.message });
    else if (error instanceof CheckError) throw error;
    else
      throw new CheckError(
        `${name}: cannot be read: ${(error as Error).message}. Check that it is a complete, unencrypted export.`,
      );
  }
}

async function readAll(reading: Reading, dir: string, names: string[], options: ReadExportsOptions) {
  const { config, needed } = reading.options;
  const onRead = options.onRead ?? (() => {});
  const settle = async ({ name, second, cut, worker, first, mark }: Pending) => {
    const result = await worker.result;
    let replacements = first.replacements;
    if (!(result instanceof Error) && reading.canAbsorb(result)) {
      reading.absorb(name, result, mark);
      replacements += result.replacements;
      onRead({ file: name, threads: 2 });
    } else {
      // Read the second part here, in order after the first.
      const firstLine = result instanceof Error ? 1 + countNewlines(join(dir, name), cut) : result.firstLine;
      replacements += (await reading.readAt(mark, dir, name, { ...second, firstLine, continuePastEnd: true }))
        .replacements;
      onRead(
        result instanceof Error
          ? { file: name, threads: 1, fallback: 'worker-failed', error: result.message }
          : { file: name, threads: 1, fallback: 'repeated-id' },
      );
    }
    reading.finishFile(name, { encoding: first.encoding, replacements }, mark);
  };
  const typeOf = (name: string) => {
    const header = csvHeader(join(dir, name));
    const mapped = header && mapHeader(header, mappingFor(config, name));
    return mapped && !('error' in mapped) ? mapped.type : undefined;
  };

  let pending: Pending | undefined;
  for (const name of names) {
    // While a worker reads the rest of a large file, this thread reads the next files: those of
    // another record type are independent of it; one of the same type (or of a type not told
    // from its first bytes) waits for it, so that the checks see its records in order.
    if (pending && (typeOf(name) ?? pending.type) === pending.type) {
      await settle(pending);
      pending = undefined;
    }
    const plan = pending ? undefined : planParts(join(dir, name), options.parallelMinBytes);
    const mapped = plan && mapHeader(plan.header, mappingFor(config, name));
    if (!plan || !mapped || 'error' in mapped) {
      await readWhole(reading, dir, name);
      onRead({ file: name, threads: 1 });
      continue;
    }
    // A large CSV file: the second part on a worker thread while this one reads the first.
    const second: Part = { start: plan.cut, end: plan.size, firstLine: 0, header: plan.header, continuePastEnd: false };
    const progress = new Float64Array(new SharedArrayBuffer(16));
    const worker = readPartInWorker({
      dir,
      name,
      part: second,
      progress,
      ctx: options.ctx,
      timeline: options.timeline,
      needed: [...needed],
      config,
    });
    const first = await reading.readFile(
      dir,
      name,
      { start: 0, end: plan.cut, firstLine: 1, continuePastEnd: true },
      progress,
    );
    if (first.openAtEnd) {
      // A record ran across the cut, so the first part was read to the end of the file.
      worker.cancel();
      reading.finishFile(name, first);
      onRead({ file: name, threads: 1, fallback: 'record-across-cut' });
      continue;
    }
    pending = { name, type: mapped.type, second, cut: plan.cut, worker, first, mark: reading.mark() };
  }
  if (pending) await settle(pending);
}

/**
 * Ids seen more than once: the second look finds where each was first seen, and each becomes a
 * duplicate-record warning there, or (when only a fingerprint was shared) a first record after all.
 */
async function placeRepeats(reading: Reading, dir: string, names: string[]) {
  const { repeats, warnings } = reading;
  const first = await findFirstSightings(dir, names, repeats, reading.options);
  // In the order their first repeat was read (files in name order, lines within a file), which
  // is the order one pass in order finds them whichever thread read them.
  const inOrder = [...repeats].sort(([, a], [, b]) => {
    const x = a.lines[0]!,
      y = b.lines[0]!;
    return x.file < y.file
      ? -1
      : x.file > y.file
        ? 1
        : x.sheet === undefined && y.sheet === undefined
          ? x.line - y.line
          : 0;
  });
  for (const [id, repeat] of inOrder) {
    // The second look reads what the first read; should a file have changed meanwhile, the
    // repeat's own first line stands in for the first sighting.
    const prior = first.get(id) ?? {
      file: repeat.record.file,
      sheet: repeat.record.sheet,
      table: '',
      line: repeat.record.line,
      hash: repeat.hash,
    };
    let count = repeat.count;
    let lines = repeat.lines;
    if (prior.table === repeat.table && prior.line === repeat.record.line) {
      // Only a shared fingerprint: the first record with this id after all.
      reading.handOver(repeat.table, repeat.record);
      count--;
      lines = lines.slice(1);
    }
    if (count === 0) continue;
    warnings.push({
      code: 'duplicate-record',
      file: prior.file,
      ...(prior.sheet === undefined ? {} : { sheet: prior.sheet }),
      line: prior.line,
      values: {
        type: repeat.type,
        key: repeat.key,
        count: count + 1,
        differs: repeat.differs || prior.hash !== repeat.hash,
        lines,
      },
    });
  }
}
