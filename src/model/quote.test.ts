// An obligation quotes the article it enforces, and the quote must be the page's words: a process
// owner who rewords the article without the obligation learns it from the loader, by file and field.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { obligationRules } from '../../checks/rules/index.ts';
import { testFrontmatter } from '../../checks/rules/fixture.ts';
import { loadOrganization, loadPolicies } from './load.ts';
import { quoted } from './words.ts';

const org = loadOrganization();
const page = (obligation: Record<string, unknown>, body: string) => {
  const docs = mkdtempSync(join(tmpdir(), 'quote-'));
  mkdirSync(join(docs, 'policies'));
  const frontmatter = {
    id: 'TST-01',
    ...testFrontmatter('2026-01-01'),
    obligations: [
      {
        id: 'recorder',
        title: '会议安排专人记录',
        article: '第一条',
        who: { every: 'department' },
        records: 'meetings',
        rule: 'complete',
        require: ['recorder'],
        ...obligation,
      },
    ],
  };
  writeFileSync(join(docs, 'policies/test.mdx'), `---\n${stringify(frontmatter)}---\n\n${body}\n`);
  return () => loadPolicies(org, obligationRules, docs);
};

describe('an obligation quotes its article', () => {
  it("accepts the page's words, across markup, list numbers and line breaks", () => {
    expect(
      page({ quote: '会议应安排专人进行记录' }, '## （一）会议\n\n1. 会议应安排**专人**进行\n记录。'),
    ).not.toThrow();
  });

  it('rejects a quote the page does not say, naming the field and the words', () => {
    expect(page({ quote: '会议应安排专人进行记录' }, '1. 会议由记录人记录。')).toThrow(
      /obligations\.0\.quote.*"会议应安排专人进行记录" is not in the page's text/s,
    );
  });

  it('refuses a quote that holds no words of the article', () => {
    expect(page({ quote: '……' }, '1. 会议应安排专人进行记录。')).toThrow(
      /obligations\.0\.quote.*at least two characters/s,
    );
  });

  it('asks for a quote, or for what the company set where the policy is silent', () => {
    expect(page({}, '1. 会议应安排专人进行记录。')).toThrow(/obligations\.0\.quote.*quote the words of the article/s);
    expect(page({ companySetting: '手册规则：公司设定' }, '1. 会议应安排专人进行记录。')).not.toThrow();
  });

  it('reads "……" as words left out, in order', () => {
    expect(quoted('借阅文档应于借出后14日内归还', '借阅文档应于……归还')).toBe(true);
    expect(quoted('归还借阅文档应于', '借阅文档应于……归还')).toBe(false);
  });
});
