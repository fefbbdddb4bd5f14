import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { renderedSentences } from './rendered-text.ts';
import { testOrganization } from './test-organization.ts';
import { sentenceDiff } from './text-diff.ts';
import { enumValues } from '../schema/index.ts';
import { versionDiff } from './version-diff.ts';

const org = testOrganization();
const withMinutesDays = (days: number) =>
  stringify({
    ...org,
    deadlines: { ...org.deadlines, 'meeting-minutes': { ...org.deadlines['meeting-minutes'], days } },
  });

const page = (version: string, body: string, obligations: object[] = []) =>
  `---\n${stringify({ id: 'OPS-08', version, obligations })}---\nimport Param from '../../../src/components/Param.astro';\nimport Flowchart from '../../../src/components/Flowchart.astro';\n\n${body}`;

const MINUTES = [
  '## （三）会议记录',
  '',
  '1. 会议组织者应指定专人负责会议记录。',
  '2. 会议纪要在<Param deadline="meeting-minutes" event="会议结束" />提交。',
  '',
  '<Flowchart process="annual-planning" />',
].join('\n');

describe('a page as the reader reads it (rendered text)', () => {
  it('leaves out import lines and component tags, fills in parameters, and names a flowchart', () => {
    const sentences = renderedSentences(MINUTES, org, {
      processTitle: (id) => (id === 'annual-planning' ? '年度计划流程' : undefined),
    });
    expect(sentences).toEqual([
      { text: '（三）会议记录', heading: 2 },
      { text: '会议组织者应指定专人负责会议记录。' },
      { text: '会议纪要在会议结束后 3 个日历日内（至第 3 日 24:00）提交。' },
      { text: '〔流程图：年度计划流程〕' },
    ]);
  });

  it('a deadline whose period is a parameter follows the parameter (unitFrom)', () => {
    const text = '<Param deadline="evaluation" unitFrom="evaluation-cycle" />';
    const at = (value: string) =>
      renderedSentences(text, {
        ...org,
        deadlines: { ...org.deadlines, evaluation: { label: '评估', from: 'period-end', months: 0, days: 15 } },
        parameters: { ...org.parameters, 'evaluation-cycle': { label: '周期', value } },
      })[0]!.text;
    expect(at('quarter')).toBe('季度结束后 15 天内');
    expect(at('month')).toBe('月末后 15 天内');
    expect(() => at('fortnight')).toThrow(
      /unitFrom="evaluation-cycle" names no parameter whose value is one of year, half, quarter, month/,
    );
  });

  it('joins lines broken inside Chinese text, as the site does, and cuts sentences at 。！？；', () => {
    expect(
      renderedSentences('应当在规定时间\n内提交；逾期的，\n应说明原因。是否按时？', org).map((s) => s.text),
    ).toEqual(['应当在规定时间内提交；', '逾期的，应说明原因。', '是否按时？']);
  });
});

describe('version diff (policy minutes deadline 3 → 5 days, config only)', () => {
  const before = { text: page('1.0.0', MINUTES), config: withMinutesDays(3), source: 'p.mdx@aaaa' };
  const after = { text: page('1.1.0', MINUTES), config: withMinutesDays(5), source: 'p.mdx@bbbb' };
  const diff = versionDiff(before, after, org);

  it('shows the sentence that states the deadline, old beside new, with the number marked', () => {
    const changed = diff.rows.filter((r) => r.kind === 'changed');
    expect(changed).toHaveLength(1);
    const [row] = changed;
    if (row?.kind !== 'changed') throw new Error('expected a changed row');
    expect(row.before?.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toContain('3');
    expect(row.after?.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toContain('5');
    expect(row.after?.sentence.text).toBe('会议纪要在会议结束后 5 个日历日内（至第 5 日 24:00）提交。');
    expect(diff.problems).toEqual([]);
  });

  it('lists the changed value as the page words it', () => {
    expect(diff.params).toEqual([
      {
        kind: 'deadline',
        key: 'meeting-minutes',
        label: org.deadlines['meeting-minutes']!.label,
        before: '会议结束后 3 个日历日内（至第 3 日 24:00）',
        after: '会议结束后 5 个日历日内（至第 5 日 24:00）',
      },
    ]);
  });

  it('keeps the heading above a change and one unchanged sentence either side', () => {
    expect(diff.rows.map((r) => (r.kind === 'same' ? r.sentence.text : r.kind))).toEqual([
      '（三）会议记录',
      '会议组织者应指定专人负责会议记录。',
      'changed',
      '〔流程图：annual-planning〕',
    ]);
  });

  it('words a deadline the page states only through an obligation as a deadline, not by its config fields', () => {
    const ob = { id: 'minutes', title: '会议纪要按期提交', due: { deadline: 'meeting-minutes' } };
    const plain = versionDiff(
      { ...before, text: page('1.0.0', '会议纪要应及时提交。', [ob]) },
      { ...after, text: page('1.1.0', '会议纪要应及时提交。', [ob]) },
      org,
    );
    expect(plain.rows).toEqual([]);
    expect(plain.params.map(({ before: b, after: a }) => [b, a])).toEqual([
      ['事件发生后 3 个日历日内', '事件发生后 5 个日历日内'],
    ]);
  });

  it('a deadline only renamed is marked so, with the two names', () => {
    const renamed = (label: string) =>
      stringify({
        ...org,
        deadlines: { ...org.deadlines, 'meeting-minutes': { ...org.deadlines['meeting-minutes'], days: 3, label } },
      });
    const diff = versionDiff(
      { ...before, config: renamed('纪要截止') },
      { ...after, text: page('1.1.0', MINUTES), config: renamed('会议纪要提交截止') },
      org,
    );
    expect(diff.params).toEqual([
      expect.objectContaining({
        key: 'meeting-minutes',
        before: '名称“纪要截止”',
        after: '“会议纪要提交截止”',
        renamed: true,
      }),
    ]);
  });
});

describe('version diff of a parameter an obligation selects records by', () => {
  it('words its values by the names of the field it is matched against, not by its config', () => {
    const withLevel = (value: string) =>
      stringify({ ...org, parameters: { ...org.parameters, 'test-level': { label: '最低等级', value } } });
    const ob = { id: 'respond', title: '制定应对措施', records: 'risks', match: { level: { atLeast: 'test-level' } } };
    const diff = versionDiff(
      { text: page('1.0.0', '风险。', [ob]), config: withLevel('medium'), source: 'a' },
      { text: page('1.1.0', '风险。', [ob]), config: withLevel('low'), source: 'b' },
      org,
    );
    const names = enumValues('risks', 'level', org)!;
    expect(diff.params).toEqual([
      expect.objectContaining({ key: 'test-level', before: names.medium![0], after: names.low![0] }),
    ]);
  });
});

describe('version diff of obligations written once for each value of a list', () => {
  it('names each added obligation as the page states it, never with its placeholder', () => {
    const withRaters = {
      ...org,
      parameters: { ...org.parameters, 'test-raters': { label: '评估方式', value: ['supervisor', 'peer'] } },
    };
    const config = stringify(withRaters);
    const each = {
      id: 'evaluation-{rater}',
      title: '每位员工都有{rater}评估',
      records: 'evaluations',
      match: { rater: { each: 'test-raters' } },
    };
    const diff = versionDiff(
      { text: page('1.0.0', '绩效评估。'), config, source: 'a' },
      { text: page('1.1.0', '绩效评估。', [each]), config, source: 'b' },
      withRaters,
    );
    expect(diff.obligations.added).toEqual(['每位员工都有上级评估', '每位员工都有同事评估']);
  });
});

describe('version diff of text and obligations', () => {
  const config = withMinutesDays(3);
  it('pairs a rewritten sentence with the one it replaces, and shows an inserted one alone', () => {
    const a = ['## 一', '甲乙丙丁戊己庚辛。', '子丑寅卯辰巳午未申酉。', '天地玄黄宇宙洪荒。'].join('\n\n');
    const b = ['## 一', '甲乙丙丁戊己庚辛。', '新增的一句话。', '子丑寅卯辰巳午未申戌。', '天地玄黄宇宙洪荒。'].join(
      '\n\n',
    );
    const diff = versionDiff(
      { text: page('1.0.0', a), config, source: 'a' },
      { text: page('1.1.0', b), config, source: 'b' },
      org,
    );
    const changed = diff.rows.flatMap((r) =>
      r.kind === 'changed' ? [[r.before?.sentence.text, r.after?.sentence.text]] : [],
    );
    expect(changed).toEqual([
      [undefined, '新增的一句话。'],
      ['子丑寅卯辰巳午未申酉。', '子丑寅卯辰巳午未申戌。'],
    ]);
  });

  it('folds a long unchanged stretch into a count', () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ text: `第${i + 1}句。` }));
    const rows = sentenceDiff(long, [...long.slice(0, 11), { text: '改过的第十二句。' }]);
    expect(rows[0]).toEqual({ kind: 'gap', count: 10 });
    expect(rows[1]).toEqual({ kind: 'same', sentence: { text: '第11句。' } });
    expect(rows[2]?.kind).toBe('changed');
  });

  it('gives no rows when the text is the same', () => {
    const s = [{ text: '同一句。' }];
    expect(sentenceDiff(s, s)).toEqual([]);
  });

  it('names the obligations added, removed and changed', () => {
    const kept = { id: 'kept', title: '保留的要求', due: { deadline: 'meeting-minutes' } };
    const diff = versionDiff(
      { text: page('1.0.0', '正文。', [kept, { id: 'old', title: '旧要求' }]), config, source: 'a' },
      {
        text: page('1.1.0', '正文。', [
          { ...kept, title: '改名的要求' },
          { id: 'new', title: '新要求' },
        ]),
        config,
        source: 'b',
      },
      org,
    );
    expect(diff.obligations).toEqual({ added: ['新要求'], removed: ['旧要求'], changed: ['改名的要求'] });
  });

  it('says when a commit’s config cannot be read, and fills that version’s values from the current config', () => {
    const diff = versionDiff(
      { text: page('1.0.0', MINUTES), config: 'deadlines: [', source: 'p.mdx@old' },
      { text: page('1.1.0', MINUTES), config, source: 'p.mdx@new' },
      org,
    );
    expect(diff.problems).toHaveLength(1);
    expect(diff.problems[0]).toContain('p.mdx@old');
    expect(diff.rows).toEqual([]);
  });
});
