// What changed between the versions of a policy, from the git history of its file: for each
// version its text as last committed, and a word-level diff to the version before it (Chinese is
// cut into words with Intl.Segmenter, the diff is the `diff` library's). A shallow clone (CI's
// default) has no history: that is said, not hidden and not an error.
import { execFileSync } from 'node:child_process';
import { diffArrays } from 'diff';
import { sep } from 'node:path';
import { pageBody, readFrontmatter } from './load.ts';
import { repoRoot } from './root.ts';

export interface VersionText {
  version: string;
  commit: string;
  /** The page's text without its frontmatter. */
  body: string;
  /** The page's whole text, frontmatter included. */
  text: string;
}

export type History = { available: true; versions: VersionText[] } | { available: false; reason: string };

const git = (root: string, args: string[], input?: string) =>
  execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
    maxBuffer: 1 << 30,
  });

/** The `version` of a page's text as YAML reads it; undefined when its frontmatter does not parse. */
function versionOf(text: string): string | undefined {
  try {
    const version = (readFrontmatter(text) as { version?: unknown } | undefined)?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Per repository root: every page's history, read once (two git calls for the whole handbook, not several per page). */
const cache = new Map<string, Map<string, History> | { available: false; reason: string }>();

/**
 * The commits that touched each page, oldest first, with the name the page had in each, followed
 * across renames: one `git log --name-status` over every .md and .mdx file under content/.
 */
function pageCommits(root: string): Map<string, { commit: string; path: string }[]> {
  // Pages live under content/ (a pathspec's * crosses folders): the README's history is not read.
  const log = git(root, [
    'log',
    '--reverse',
    '-M',
    '--name-status',
    '--format=%x00%H',
    '--',
    'content/*.md',
    'content/*.mdx',
  ]);
  /** A page's commits, under the name it has now. */
  const byPath = new Map<string, { commit: string; path: string }[]>();
  for (const entry of log.split('\0').filter(Boolean)) {
    const [commit, ...changes] = entry.split('\n');
    for (const line of changes) {
      if (!line) continue;
      const [status, from, to] = line.split('\t');
      if (!status || !from) continue;
      if (status.startsWith('R') && to) {
        // The page goes on under its new name, with its earlier commits.
        const earlier = byPath.get(from) ?? [];
        byPath.delete(from);
        byPath.set(to, earlier);
        earlier.push({ commit: commit!, path: to });
      } else if (status === 'D') byPath.delete(from);
      else {
        // A page added (again) starts a history of its own.
        let list = status === 'A' ? undefined : byPath.get(from);
        if (!list) byPath.set(from, (list = []));
        list.push({ commit: commit!, path: from });
      }
    }
  }
  return byPath;
}

/** The texts of many `commit:path` blobs in one `git cat-file --batch`. */
export function blobs(root: string, specs: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (specs.length === 0) return texts;
  const out = Buffer.from(git(root, ['cat-file', '--batch'], `${specs.join('\n')}\n`), 'utf8');
  let at = 0;
  for (const spec of specs) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^\S+ blob (\d+)$/.exec(header);
    if (!m) continue; // "<spec> missing"
    const size = Number(m[1]);
    texts.set(spec, out.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return texts;
}

function histories(root: string) {
  const cached = cache.get(root);
  if (cached) return cached;
  let result: Map<string, History> | { available: false; reason: string };
  try {
    if (git(root, ['rev-parse', '--is-shallow-repository']).trim() === 'true')
      result = { available: false, reason: 'shallow' };
    else {
      const commits = pageCommits(root);
      const texts = blobs(
        root,
        [...commits.values()].flat().map(({ commit, path }) => `${commit}:${path}`),
      );
      result = new Map();
      for (const [file, list] of commits) {
        const byVersion = new Map<string, VersionText>();
        for (const { commit, path } of list) {
          const text = texts.get(`${commit}:${path}`);
          // Read as YAML, so that `version: 1.1.0 # 措辞` (a comment after the value) is 1.1.0.
          const version = text ? versionOf(text) : undefined;
          // The last commit of a version is its text as adopted.
          if (text && version)
            byVersion.set(version, {
              version,
              commit,
              body: pageBody(text).body,
              text,
            });
        }
        result.set(file, { available: true, versions: [...byVersion.values()] });
      }
    }
  } catch {
    result = { available: false, reason: 'no-git' };
  }
  cache.set(root, result);
  return result;
}

/** The text of each version of a policy file (relative to `root`), oldest first. */
export function policyHistory(file: string, root = repoRoot): History {
  const all = histories(root);
  if (!(all instanceof Map)) return all;
  // A page not committed yet has no versions in git.
  return all.get(file.split(sep).join('/')) ?? { available: true, versions: [] };
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const words = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

/** A word-level diff of two texts: runs of unchanged, added and removed words. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffArrays(words(before), words(after)).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value.join(''),
  }));
}
