import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './root.ts';
import { policyHistory, wordDiff } from './history.ts';

const FILE = 'content/docs/policies/08-meetings.mdx';

function repoWithTwoVersions() {
  const root = mkdtempSync(join(tmpdir(), 'history-'));
  cpSync(join(repoRoot, FILE), join(root, FILE), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  const text = readFileSync(join(root, FILE), 'utf8');
  const version = /^version: (\S+)$/m.exec(text)![1]!;
  const [major, minor] = version.split('.').map(Number);
  const next = `${major}.${minor! + 1}.0`;
  writeFileSync(
    join(root, FILE),
    text
      .replace(/^version: .*$/m, `version: ${next}`)
      .replaceAll('会议组织者应提前确定会议主题', '会议组织者应至少提前一天确定会议主题'),
  );
  git('commit', '-q', '-am', 'second');
  return { root, version, next };
}

describe('policy history', () => {
  it('gives the text of each version from git, and a word-level diff that shows the words added', () => {
    const { root, version, next } = repoWithTwoVersions();
    const history = policyHistory(FILE, root);
    expect(history.available).toBe(true);
    if (!history.available) return;
    expect(history.versions.map((v) => v.version)).toEqual([version, next]);
    const diff = wordDiff(history.versions[0]!.body, history.versions[1]!.body).filter((p) => p.kind !== 'same');
    // Only words were added: nothing removed, and the added words are the new ones.
    expect(diff.filter((p) => p.kind === 'removed')).toEqual([]);
    expect(
      diff
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toContain('至少');
    expect(
      diff
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toContain('一天');
  });

  it('follows a page across a rename', () => {
    const { root, version, next } = repoWithTwoVersions();
    const renamed = 'content/docs/policies/08-meeting-management.mdx';
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'mv', FILE, renamed], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'rename'], {
      cwd: root,
    });
    const history = policyHistory(renamed, root);
    expect(history.available && history.versions.map((v) => v.version)).toEqual([version, next]);
    // The old name is no page any more; a page not yet committed has no versions.
    expect(policyHistory(FILE, root)).toEqual({ available: true, versions: [] });
  });

  it('a shallow clone says the history is not available instead of failing', () => {
    const { root } = repoWithTwoVersions();
    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow], { stdio: 'pipe' });
    expect(policyHistory(FILE, shallow)).toEqual({ available: false, reason: 'shallow' });
  });
});

describe('a version as YAML reads it', () => {
  it('a comment after the version (`version: 1.1.0 # 措辞`) and a byte-order mark hide no version from the history', () => {
    const root = mkdtempSync(join(tmpdir(), 'history-'));
    const file = 'content/docs/policies/test.mdx';
    const page = (version: string) =>
      `\uFEFF---\ntitle: 测试\nid: TST-01\nversion: ${version}\neffective: 2026-01-01\n---\n\n正文 ${version}。\n`;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: root,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    execFileSync('mkdir', ['-p', join(root, 'content/docs/policies')]);
    writeFileSync(join(root, file), page('1.0.0'));
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    writeFileSync(join(root, file), page('1.1.0 # 措辞修改'));
    git('commit', '-q', '-am', 'second');
    const history = policyHistory(file, root);
    expect(history.available && history.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
  });
});
