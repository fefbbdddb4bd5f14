// A --base given on the command line, checked before git sees it: a value starting with "-" would
// be read by git as an option (`--base=--output=FILE` truncated FILE), and a ref that names no
// commit would otherwise be compared against as if it held nothing.
import { execFileSync } from 'node:child_process';

export class RefError extends Error {}

/** The commit `ref` names in the repository at `root`; a RefError saying what to do when it names none. */
export function commitOf(root: string, ref: string): string {
  try {
    if (ref.startsWith('-')) throw new Error('an option, not a ref');
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new RefError(
      `--base "${ref}" 不是这个仓库中的提交（分支名写错了，或没有取回：git fetch origin；浅克隆须 fetch-depth: 0）/ --base "${ref}" names no commit here (a misspelt branch, or not fetched: git fetch origin; a shallow clone needs fetch-depth: 0)`,
    );
  }
}
