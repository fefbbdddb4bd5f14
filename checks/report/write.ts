// Writing a report to --out: never over a file the check reads, never half a report for a reader
// to find. Node's fs has no "write atomically" (write-file-atomic does it with the same temp file
// and rename as below, but takes a whole string; a report is written piece by piece so that a
// large one is never held whole), so the few lines are here.
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CheckError } from '../engine/errors.ts';

/** What the check reads: the records folder (every file in it), and other files or folders. */
export interface Inputs {
  recordsDir: string;
  /** Files or folders the run also reads (the history folder, the organisation config). */
  others: string[];
}

/** The path with its folder's symbolic links resolved (the file itself need not exist). */
function real(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

/**
 * Refuses an --out (or another option naming where to write) that is, or would become, something
 * the check reads (exit 2, naming it).
 */
export function refuseInput(out: string, inputs: Inputs, option = '--out'): void {
  const target = real(out);
  if (inside(target, real(inputs.recordsDir)))
    throw new CheckError(
      `${option} "${out}" is in the records folder "${inputs.recordsDir}": what is written there would replace an export or be read as one by the next check; write it outside that folder`,
    );
  for (const other of inputs.others)
    if (inside(target, real(other)) || inside(real(other), target))
      throw new CheckError(`${option} "${out}" is or holds "${other}", which this run reads; write somewhere else`);
}

function whyNot(error: NodeJS.ErrnoException, out: string): string {
  switch (error.code) {
    case 'ENOENT':
      return `the folder "${dirname(out)}" does not exist; create it first or choose another path`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'no permission to write there; choose a path you can write to';
    case 'EISDIR':
      return 'it is a folder; give a file name, e.g. --out report.md';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full; free some space or write elsewhere';
    default:
      return error.message;
  }
}

/**
 * Writes the pieces to `out`: a regular file (or a new one) through a temporary file beside it,
 * renamed into place when complete, so that a reader, or a second run writing the same file, never
 * sees half a report; a device or pipe (/dev/stdout) directly. A failure leaves `out` as it was and
 * says why.
 */
export function writeReport(out: string, chunks: Iterable<string>): void {
  let regular = true;
  try {
    regular = statSync(out).isFile();
  } catch {}
  const path = regular ? join(dirname(out), `.${basename(out)}.${process.pid}.tmp`) : out;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    for (const chunk of chunks) writeSync(fd, chunk);
    if (regular) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (regular) renameSync(path, out);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (regular) rmSync(path, { force: true });
    if (error instanceof CheckError) throw error;
    throw new CheckError(`cannot write the report to --out "${out}": ${whyNot(error as NodeJS.ErrnoException, out)}`);
  }
}
