// What crosses between the main thread and a worker reading part of a large CSV export
// (parallel.ts starts the worker, part-reader.ts runs in it, reading.ts takes its result in): plain,
// structured-cloneable data, in a module of its own so that those three import it and not each other.
import type { Timeline } from '../../src/model/timeline.ts';
import type { RecordType, RecordsConfig } from '../../src/schema/index.ts';
import type { TypedRecord } from '../read/records.ts';
import type { Part } from '../read/sources.ts';
import type { CheckState } from './checks.ts';
import type { CheckContext } from './context.ts';
import type { RejectionLog } from './rejections.ts';
import type { Source } from './rule.ts';
import type { SeenKeysState } from './seen-keys.ts';
import type { FileSummary, Warning } from './types.ts';

/**
 * An id seen more than once (or sharing a fingerprint with one): settled after reading, by a
 * second look at the exports. One entry per id however often it repeats.
 */
export interface Repeat {
  type: RecordType;
  key: string;
  /** Rows after the first with this id. */
  count: number;
  /** The first of those rows, as read (fed to the checks if it turns out to be the first after all). */
  record: TypedRecord;
  table: string;
  hash: number;
  /** Whether the repeats differ among themselves. */
  differs: boolean;
  lines: Source[];
}

/** A record held back until the record it links to is found, with the checks (by index) it goes to. */
export interface Held {
  table: string;
  record: TypedRecord;
  checks: number[];
}

export interface PartJob {
  dir: string;
  name: string;
  part: Part;
  /** Rows and bytes the worker has read so far, shared with the main thread for its progress display. */
  progress: Float64Array;
  ctx: CheckContext;
  /** The policy versions whose obligations are enforced (the worker builds the same checks from them). */
  timeline: Timeline;
  needed: string[];
  config: RecordsConfig;
}

export interface PartResult {
  /** The part's end fell inside a record: its reading is not to be used. */
  openAtEnd: boolean;
  firstLine: number;
  replacements: number;
  file: FileSummary | undefined;
  rejected: ReturnType<RejectionLog['snapshot']>;
  warnings: Warning[];
  /** Ids the part repeats within itself. */
  repeats: Repeat[];
  /** Records the part held back for a linked record (reading.ts). */
  held: Held[];
  seen: SeenKeysState | undefined;
  /** Records not judged for checks whose columns the table lacks: [table, check index, rows, the table's rows]. */
  unjudged: [string, number, number, number][];
  /** Each check's state (checks/engine/checks.ts), in the order of the checks; undefined for other record types. */
  checks: (CheckState | undefined)[];
}
