// What the worker thread (part-worker.ts) runs: it reads one part of a large CSV export (see
// parallel.ts) with its own checks and posts their state back.
import { parentPort, workerData } from 'node:worker_threads';
import { DepartmentIndex, WallClock } from '../read/values.ts';
import { checksFor } from './checks.ts';
import { countNewlines, fileOf } from './parallel.ts';
import type { PartJob, PartResult } from './part.ts';
import { Reading } from './reading.ts';
import { enumsFrom } from '../../src/schema/record-types.ts';
// The worker is an entry point like the command: it hands the registry of rules to the engine.
import { rules } from '../rules/index.ts';

const job = workerData as PartJob;
const firstLine = 1 + countNewlines(fileOf(job), job.part.start);
const checks = checksFor(job.ctx, rules, job.timeline);
const reading = new Reading(checks, {
  departments: new DepartmentIndex(job.ctx.org),
  enums: enumsFrom(job.ctx.org),
  clock: new WallClock(job.ctx.org.timeZone),
  needed: new Set(job.needed),
  config: job.config,
  onProgress({ rows, bytes }) {
    job.progress[0] = rows;
    job.progress[1] = bytes;
  },
});
const info = await reading.readFile(job.dir, job.name, { ...job.part, firstLine });
const file = reading.files[0];
const type = file?.type;
const result: PartResult = {
  openAtEnd: info.openAtEnd ?? false,
  firstLine,
  replacements: info.replacements,
  file,
  rejected: reading.rejected.snapshot(),
  warnings: reading.warnings,
  repeats: [...reading.repeats.values()],
  held: reading.held,
  unjudged: reading.unjudgedState(),
  seen: type && type in reading.seen ? reading.seen[type as keyof typeof reading.seen].snapshot() : undefined,
  checks: checks.map((c) => (type && c.types.includes(type as never) ? c.snapshot() : undefined)),
};
parentPort!.postMessage(result);
