// Rejected rows, kept without growing with their number: grouped by file, sheet, column and
// reason (a count and the first lines of each group, for people), and every row in order (for
// machine reports), the first thousand in memory and the rest in a temporary file as JSON lines.
// An export with two million bad rows then costs a file on disk, not two gigabytes of memory.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { StringDecoder } from 'node:string_decoder';
import type { Rejection } from '../read/records.ts';
import type { RejectedRows, RejectionGroup } from './types.ts';

/** Rows kept in memory before the rest go to the temporary file. */
const IN_MEMORY = 1000;
/** Lines listed per group for people; the count says how many more. */
export const GROUP_LINES = 20;

/** A stretch of rows in order: some in memory, then (if there were more) a file of JSON lines. */
export interface Segment {
  rows: Rejection[];
  spill?: { path: string; count: number };
}

let spillDir: string | undefined;
/** Folders to remove when the process ends (the main thread's, and those a worker handed over). */
const owned = new Set<string>();
function own(dir: string) {
  if (owned.size === 0)
    process.once('exit', () => {
      for (const d of owned) rmSync(d, { recursive: true, force: true });
    });
  owned.add(dir);
}
let spills = 0;
function newSpillFile(): string {
  if (!spillDir) {
    spillDir = mkdtempSync(join(tmpdir(), 'handbook-check-'));
    // A worker thread's files outlive it: the main thread takes them over (absorb) and removes them.
    if (isMainThread) own(spillDir);
  }
  return join(spillDir, `rejected-${spills++}.ndjson`);
}

/** A place in the log where rows read later on (the rest of a file read on another thread) belong. */
export interface Mark {
  readonly after: Segment;
}

const groupKey = (r: { file: string; sheet?: string; column: string; code: string; args?: unknown }) =>
  `${r.file}\u0000${r.sheet ?? ''}\u0000${r.column}\u0000${r.code}\u0000${r.args ? JSON.stringify(r.args) : ''}`;

export class RejectionLog implements RejectedRows {
  count = 0;
  #groups = new Map<string, RejectionGroup>();
  /** The rows in order, as segments: a mark inserts segments where they belong. */
  #segments: Segment[] = [{ rows: [] }];
  /** The segment rows are added to. */
  #tail: Segment = this.#segments[0]!;
  #inMemory = 0;
  #fd: number | undefined;
  #pending = '';

  add(r: Rejection): void {
    this.count++;
    const key = groupKey(r);
    const group = this.#groups.get(key);
    if (!group) {
      const g: RejectionGroup = {
        file: r.file,
        ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
        column: r.column,
        code: r.code,
        ...(r.args ? { args: r.args } : {}),
        count: 1,
        lines: [r.line],
        value: r.value,
      };
      this.#groups.set(key, g);
    } else {
      group.count++;
      if (group.lines.length < GROUP_LINES) group.lines.push(r.line);
    }
    const tail = this.#tail;
    if (!tail.spill && this.#inMemory < IN_MEMORY) {
      tail.rows.push(r);
      this.#inMemory++;
      return;
    }
    if (!tail.spill) {
      tail.spill = { path: newSpillFile(), count: 0 };
      this.#fd = openSync(tail.spill.path, 'w');
    }
    tail.spill.count++;
    this.#pending += `${JSON.stringify(r)}\n`;
    if (this.#pending.length > 1 << 16) this.#flush();
  }

  #flush(): void {
    if (this.#pending && this.#fd !== undefined) writeSync(this.#fd, this.#pending);
    this.#pending = '';
  }

  /** Ends the segment rows go to now; `at` (default: the end) is where the next one starts. */
  #startSegment(at = this.#segments.length): Segment {
    this.#flush();
    if (this.#fd !== undefined) {
      closeSync(this.#fd);
      this.#fd = undefined;
    }
    const next: Segment = { rows: [] };
    this.#segments.splice(at, 0, next);
    return next;
  }

  /** Marks the present end: rows read later can still be put here (absorb, or addAt). */
  mark(): Mark {
    const after = this.#tail;
    this.#tail = this.#startSegment();
    return { after };
  }

  /** Adds the rows `read` adds while it runs at the mark instead of at the end. */
  async addAt<T>(mark: Mark, read: () => Promise<T>): Promise<T> {
    this.#tail = this.#startSegment(this.#segments.indexOf(mark.after) + 1);
    try {
      return await read();
    } finally {
      // What comes next goes at the end again.
      this.#tail = this.#startSegment();
    }
  }

  /** Ends writing: the rows, groups and count as data for another thread (the spill file goes with them). */
  snapshot(): { segments: Segment[]; groups: RejectionGroup[]; count: number } {
    this.#tail = this.#startSegment();
    return {
      segments: this.#segments.filter((s) => s.rows.length || s.spill),
      groups: [...this.#groups.values()],
      count: this.count,
    };
  }

  /** Takes in the rows of a part read on another thread, at the mark (default: the end). */
  absorb(other: ReturnType<RejectionLog['snapshot']>, mark?: Mark): void {
    const at = mark ? this.#segments.indexOf(mark.after) + 1 : this.#segments.length;
    for (const s of other.segments) if (s.spill) own(dirname(s.spill.path));
    this.#segments.splice(at, 0, ...other.segments);
    if (!mark) this.#tail = this.#startSegment();
    for (const g of other.groups) {
      const key = groupKey(g);
      const mine = this.#groups.get(key);
      if (!mine) this.#groups.set(key, { ...g, lines: [...g.lines] });
      else {
        mine.count += g.count;
        for (const line of g.lines) if (mine.lines.length < GROUP_LINES) mine.lines.push(line);
      }
    }
    this.count += other.count;
  }

  /** The groups in the order of the files (read in name order), then as first seen. */
  get groups(): RejectionGroup[] {
    return [...this.#groups.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  *[Symbol.iterator](): Iterator<Rejection> {
    this.#flush();
    for (const segment of this.#segments) {
      yield* segment.rows;
      if (segment.spill) yield* readLines(segment.spill.path);
    }
  }

  toJSON(): Rejection[] {
    return [...this];
  }
}

/** The JSON lines of a spill file, one parsed row at a time. */
function* readLines(path: string): Generator<Rejection> {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      // A row's JSON never holds a raw newline; a character cut at the chunk's end waits in the decoder.
      const text = rest + decoder.write(chunk.subarray(0, n));
      const last = text.lastIndexOf('\n');
      rest = text.slice(last + 1);
      for (const line of text.slice(0, last).split('\n')) if (line) yield JSON.parse(line) as Rejection;
    }
  } finally {
    closeSync(fd);
  }
}
