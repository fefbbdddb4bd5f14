// What changed between the versions of a policy, from the git history of its file: for each
// version its text as last committed, and a word-level diff to the version before it (Chinese is
// cut into words with Intl.Segmenter, the diff is the `diff` library's). A shallow clone (CI's
// default) has no history: that is said, not hidden and not an error.
import { execFileSync } from 'node:child_process';
import { diffArrays } from 'diff';
import { repoRoot } from './root.ts';

export interface VersionText {
  version: string;
  commit: string;
  /** The page's text without its frontmatter. */
  body: string;
}

export type History = { available: true; versions: VersionText[] } | { available: false; reason: string };

const git = (root: string, args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });

const cache = new Map<string, History>();

/** The text of each version of a policy file (relative to `root`), oldest first. */
export function policyHistory(file: string, root = repoRoot): History {
  const key = `${root}\u0000${file}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let history: History;
  try {
    if (git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true') history = { available: false, reason: 'shallow' };
    else {
      const commits = git(root, ['log', '--follow', '--format=%H', '--', file]).split('\n').filter(Boolean).reverse();
      const byVersion = new Map<string, VersionText>();
      let path = file;
      for (const commit of commits) {
        let text: string;
        try {
          text = git(root, ['show', `${commit}:${path}`]);
        } catch {
          // Renamed since: find the name it had then.
          const names = git(root, ['show', '--name-only', '--format=', commit]).split('\n').filter((n) => /\.mdx?$/.test(n));
          if (!names[0]) continue;
          path = names[0];
          text = git(root, ['show', `${commit}:${path}`]);
        }
        const version = /^version:\s*(\S+)\s*$/m.exec(text)?.[1];
        // The last commit of a version is its text as adopted.
        if (version) byVersion.set(version, { version, commit, body: text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '') });
      }
      history = { available: true, versions: [...byVersion.values()] };
    }
  } catch {
    history = { available: false, reason: 'no-git' };
  }
  cache.set(key, history);
  return history;
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const words = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

/** A word-level diff of two texts: runs of unchanged, added and removed words. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffArrays(words(before), words(after)).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value.join('') }));
}
