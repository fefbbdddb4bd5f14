// Reading one large CSV export (UTF-8 or GB18030) on two threads. The file is cut in two at a line start a little
// past its middle; a worker reads the second part with its own checks while this thread reads the first,
// then this thread takes in the worker's state (checks/engine/reading.ts absorbs it).
//
// What one pass in order would give is kept exactly. A line start may still lie inside a quoted
// field that holds a newline: then the first part's reader finds a record open at the cut, reads
// on to the end of the file, and the worker's result is dropped. A record id in the second part
// that was seen earlier would have been judged twice: then the second part is read again, here,
// in order. Both are rare, and cost time only.
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CsvTokenizer } from '../read/csv.ts';
import { decodeSample, detectFileEncoding, splittable } from '../read/decode.ts';
import type { PartJob, PartResult } from './part.ts';

export type { PartJob, PartResult };

/**
 * This thread reads the first 55%: the worker first has to start and load the checker (0.05 s with
 * the compile cache warm, 0.15 s cold), and this thread goes on to the next files (of other record
 * types) while the worker finishes. Measured with npm run bench:checker; 50% was no faster.
 */
const FIRST_SHARE = 0.55;

/** Files smaller than this are read on one thread: a worker's start would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 32 << 20;

/** The header cells of a UTF-8 or GB18030 CSV file (its first record with something in it), if it is one. */
export function csvHeader(path: string): string[] | undefined {
  return csvHead(path)?.header;
}

/** The first record with something in it, and the separator, of a UTF-8 or GB18030 CSV file. */
function csvHead(path: string): { header: string[]; separator: number } | undefined {
  if (!path.toLowerCase().endsWith('.csv')) return undefined;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1 << 16);
    const n = readSync(fd, head, 0, head.length, 0);
    const encoding = detectFileEncoding(fd, head, n);
    if (!splittable(encoding)) return undefined;
    const bytes =
      encoding === 'gb18030'
        ? Buffer.from(decodeSample(head.subarray(0, n), encoding))
        : head.subarray(encoding === 'utf-8-bom' ? 3 : 0, n);
    let header: string[] | undefined;
    const tokenizer = new CsvTokenizer();
    tokenizer.write(bytes, (row) => {
      if (!header && !row.empty()) header = row.toArray();
    });
    return header && { header, separator: tokenizer.separator! };
  } finally {
    closeSync(fd);
  }
}

/** Where to cut a CSV file for two threads, and its header; undefined when it is read on one. */
export function planParts(
  path: string,
  minBytes = PARALLEL_MIN_BYTES,
): { cut: number; size: number; header: string[] } | undefined {
  const size = statSync(path).size;
  if (size < minBytes || availableParallelism() < 2) return undefined;
  const head = csvHead(path);
  // Comma-separated only: the part read on the other thread is told its separator, not left to guess it.
  if (head?.separator !== 44) return undefined;
  const { header } = head;
  const fd = openSync(path, 'r');
  try {
    const middle = Buffer.alloc(1 << 16);
    const m = readSync(fd, middle, 0, middle.length, Math.floor(size * FIRST_SHARE));
    const newline = middle.subarray(0, m).indexOf(10);
    if (newline === -1) return undefined;
    const cut = Math.floor(size * FIRST_SHARE) + newline + 1;
    return cut < size ? { cut, size, header } : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Newlines in the file before `end`: the line number of the record at `end`, less one. */
export function countNewlines(path: string, end: number): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let count = 0;
  try {
    for (let at = 0; at < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n === 0) break;
      for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) count++;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

/** Starts a worker on a part; resolves with its result, or with the error that stopped it (then the part is read here). */
export function readPartInWorker(job: PartJob): { result: Promise<PartResult | Error>; cancel(): void } {
  // The young generation capped as for the main thread (checks/cli.mjs): 8 MB a semi-space.
  // From the bundle (checks/bundle.mjs) the worker's entry is the bundled one beside this chunk.
  const entry = import.meta.url.endsWith('.ts') ? './part-worker.ts' : './part-worker.mjs';
  const worker = new Worker(new URL(entry, import.meta.url), {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: 24 },
  });
  const result = new Promise<PartResult | Error>((resolve) => {
    worker.once('message', (message: PartResult) => {
      resolve(message);
      // Its heap is no longer needed: release it now rather than when the thread winds down.
      void worker.terminate();
    });
    worker.on('error', (error: Error) => resolve(error));
    worker.once('exit', (code) => resolve(new Error(`the worker exited with code ${code} before sending its result`)));
  });
  return { result, cancel: () => void worker.terminate() };
}

export const fileOf = (job: Pick<PartJob, 'dir' | 'name'>) => join(job.dir, job.name);
