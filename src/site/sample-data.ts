// The sample exports the handbook ships (checks/samples/), and whether a folder holds just them:
// a workflow that copies them as a stand-in must not publish them as the company's records.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../model/root.ts';

export const samplesFolder = join(repoRoot, 'checks/samples');

/** Whether `folder` holds the sample exports and nothing else: the same names, sizes and bytes. */
export function holdsOnlySamples(folder: string, samples = samplesFolder): boolean {
  const files = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  let names: string[];
  try {
    names = files(folder);
  } catch {
    return false;
  }
  const sampleNames = files(samples);
  if (names.join('\n') !== sampleNames.join('\n')) return false;
  // Sizes first, so that a company's large exports are never read here.
  if (names.some((n) => statSync(join(folder, n)).size !== statSync(join(samples, n)).size)) return false;
  return names.every((n) => readFileSync(join(folder, n)).equals(readFileSync(join(samples, n))));
}
