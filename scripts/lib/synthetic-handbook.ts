// A synthetic handbook for build benchmarks: N policy pages of the kind a group company adds to
// its operations management system (each subsidiary's implementation rules under the chapters of
// the group's policy), written into a copy of this repository so that the real build, the real
// content schema and the real git history run on them.
//
// Pages are ~2,000 Chinese characters in numbered articles under （一）（二） headings, with a table on
// some, a flowchart on every tenth and obligations the checker enforces on every fifth, or on all
// (`obligations: 'all'`, for the size of the compliance, calendar and department pages). Pages with
// a flowchart are MDX; the others are MDX too, or Markdown with `plain: 'md'` (Astro renders
// Markdown while it syncs content, outside the bundle). The text is recombined from the shipped
// policy's own sentences and a seeded random number generator, so that two runs write the same handbook.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chapterNumeral } from '../../src/model/chapters.ts';
import { repoRoot } from '../../src/model/root.ts';

/** Mulberry32: small, fast, and the same sequence from the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const subsidiaries: [string, string, string][] = [
  ['华东分公司', 'East China Branch', 'HD'],
  ['华南分公司', 'South China Branch', 'HN'],
  ['华北分公司', 'North China Branch', 'HB'],
  ['西南分公司', 'Southwest Branch', 'XN'],
  ['西北分公司', 'Northwest Branch', 'XB'],
  ['东北分公司', 'Northeast Branch', 'DB'],
  ['华中分公司', 'Central China Branch', 'HZ'],
  ['海外事业部', 'Overseas Division', 'HW'],
  ['研发中心', 'R&D Centre', 'YF'],
  ['供应链公司', 'Supply Chain Co.', 'GY'],
  ['物业公司', 'Property Co.', 'WY'],
  ['数据中心', 'Data Centre', 'SJ'],
];

/** Chapters of the shipped policy that sub-policies sit under, with what they are about. */
const topics: { chapter: number; zh: string; en: string; process?: string }[] = [
  { chapter: 3, zh: '运营计划编制', en: 'Operations Planning', process: 'monthly-planning' },
  { chapter: 4, zh: '业务流程管理', en: 'Process Management', process: 'process-optimization' },
  { chapter: 5, zh: '风险管理', en: 'Risk Management', process: 'risk-management' },
  { chapter: 6, zh: '绩效考核', en: 'Performance Evaluation', process: 'performance-evaluation' },
  { chapter: 7, zh: '信息报送', en: 'Information Reporting' },
  { chapter: 8, zh: '会议管理', en: 'Meeting Management', process: 'meeting-lifecycle' },
  { chapter: 9, zh: '文档管理', en: 'Document Management', process: 'document-borrowing' },
];

const headings = ['总则', '职责分工', '工作要求', '办理程序', '监督检查', '记录与归档', '考核与奖惩'];

const subjects = ['各部门', '运营部门', '部门负责人', '分管领导', '经办人员', '各业务单元', '项目负责人', '信息管理员'];
const verbs = ['应当', '须', '负责', '按规定', '应及时'];
const actions = [
  '收集、整理本部门工作中产生的各类信息，确保信息及时、准确、完整',
  '根据公司年度运营计划，结合本单位实际情况编制实施方案，明确目标、措施和进度安排',
  '对执行情况进行跟踪和检查，发现偏差及时分析原因并提出调整建议',
  '识别业务活动中的风险因素，评估其发生的可能性和影响程度，制定相应的应对措施',
  '组织召开专题会议，研究解决工作中遇到的重大问题，并形成会议纪要',
  '将审批通过的文件按照统一的编号规则登记，并按保管期限分类归档',
  '定期对流程的执行效率和效果进行评估，对不合理的环节提出优化方案',
  '按照考核周期对员工的工作业绩、能力和态度进行评价，并将结果反馈给本人',
  '建立健全信息安全管理措施，防止信息泄露、丢失和损坏',
  '配合运营部门开展监督检查工作，如实提供相关资料和数据',
  '对发现的问题建立台账，明确整改责任人和完成期限，并跟踪整改落实情况',
  '在规定期限内完成审核，审核意见应明确具体，不得无故拖延',
];
const closings = [
  '。',
  '，报运营部门备案。',
  '，并形成书面记录。',
  '，重大事项报高层管理团队审批。',
  '，相关记录保存不少于三年。',
];

const departments = ['operations', 'marketing', 'sales', 'rnd', 'customer-service', 'finance', 'hr'];

export interface SyntheticHandbook {
  /** The copy of the repository with the pages added: build it with `astro build` there. */
  root: string;
  /** The generated pages' slugs, in order. */
  slugs: string[];
  /** Their files, relative to the repository (`content/docs/policies/units/hd-001.mdx`), in the same order. */
  files: string[];
  /** One generated page with a table, a flowchart and obligations (the one to weigh). */
  sample: string;
}

function page(
  i: number,
  rnd: () => number,
  obligationsOnAll: boolean,
  plain: 'mdx' | 'md',
): { path: string; slug: string; text: string } {
  const [sub, subEn, prefix] = subsidiaries[i % subsidiaries.length]!;
  const topic = topics[Math.floor(i / subsidiaries.length) % topics.length]!;
  const n = Math.floor(i / (subsidiaries.length * topics.length)) + 1;
  const number = String(Math.floor(i / subsidiaries.length) + 1).padStart(3, '0');
  const id = `${prefix}-${number}`;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const title = `${sub}${topic.zh}实施细则${n > 1 ? `（第 ${n} 部分）` : ''}`;
  const owner = pick(departments);
  const withObligations = obligationsOnAll || i % 5 === 0;
  const withFlowchart = i % 10 === 0 && topic.process;
  const withTable = i % 3 === 0;

  const sections: string[] = [];
  let chars = 0;
  for (let h = 0; chars < 2000; h++) {
    const name = headings[h % headings.length]!;
    const heading = `（${chapterNumeral(h + 1)}）${h < headings.length ? name : `${name}（续）`}`;
    const articles: string[] = [];
    for (let a = 1; a <= 3 + Math.floor(rnd() * 3); a++) {
      const sentence = `${pick(subjects)}${pick(verbs)}${pick(actions)}${pick(closings)}`;
      articles.push(`${a}. ${sentence}`);
      chars += sentence.length;
    }
    sections.push(`## ${heading}\n\n${articles.join('\n')}`);
    if (h === 1 && withTable) {
      sections.push(
        [
          '| 事项 | 责任部门 | 办理期限 |',
          '| --- | --- | --- |',
          ...Array.from(
            { length: 5 },
            () => `| ${pick(actions).slice(0, 12)} | ${pick(subjects)} | ${1 + Math.floor(rnd() * 10)} 个工作日 |`,
          ),
        ].join('\n'),
      );
    }
    if (h === 2 && withFlowchart) sections.push(`<Flowchart process="${topic.process}" />`);
  }
  const obligations = withObligations
    ? [
        'obligations:',
        `  - id: ${id.toLowerCase()}-report`,
        `    title: ${sub}按月报送${topic.zh}情况`,
        '    article: 第（三）节第 1 条',
        // The generated articles are random sentences: nothing to quote, so the requirement is a setting.
        '    companySetting: 按月报送是公司设定（基准测试用的合成页面）',
        '    anchor: 三工作要求',
        '    who: { every: department }',
        '    records: reports',
        '    match: { type: information }',
        '    rule: periodic',
        '    evidence: submitted_at',
        '    due: { every: month, deadline: information-report }',
      ]
    : [];
  const text = [
    '---',
    `title: ${title}`,
    `description: ${sub}执行《运营管理制度》第${chapterNumeral(topic.chapter)}章的具体规定。`,
    `titleEn: ${subEn} ${topic.en} Rules${n > 1 ? ` (part ${n})` : ''}`,
    `id: ${id}`,
    `chapter: ${topic.chapter}`,
    'version: 1.0.0',
    'effective: 2026-01-01',
    'status: approved',
    `owner: ${owner}`,
    'approvers: [executive-team]',
    'review:',
    '  cycle: annual',
    '  last: 2026-01-01',
    'classification: internal',
    'changes:',
    '  - version: 1.0.0',
    '    date: 2026-01-01',
    `    summary: ${sub}据集团《运营管理制度》制定。`,
    '    approvedBy: executive-team',
    ...obligations,
    '---',
    '',
    ...(withFlowchart ? ["import Flowchart from '../../../../src/components/Flowchart.astro';", ''] : []),
    sections.join('\n\n'),
    '',
  ].join('\n');
  const slug = `policies/units/${prefix.toLowerCase()}-${number}`;
  // A page with a component must be MDX; the others are written as `plain` says.
  return { path: join('content/docs', `${slug}.${withFlowchart ? 'mdx' : plain}`), slug, text };
}

/**
 * Copies the repository's files (tracked, and new ones git does not ignore) into `dir`, adds `pages` generated policy pages, and
 * commits them, as a handbook's own repository would have them. `dir` must lie inside this
 * repository (under .cache/) so that the copy finds this repository's node_modules by Node's own
 * lookup; a symlinked node_modules gives Astro two paths for one file and fails its build.
 */
export function writeSyntheticHandbook(
  dir: string,
  pages: number,
  {
    obligations = 'fifth',
    plain = 'mdx',
    seed = 1,
  }: { obligations?: 'fifth' | 'all'; plain?: 'mdx' | 'md'; seed?: number } = {},
): SyntheticHandbook {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
    .split('\0')
    // The working tree as it stands: a file deleted but not yet committed is listed by --cached.
    .filter((file) => file && existsSync(join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dir, file));
  }
  const rnd = random(seed);
  const slugs: string[] = [];
  const paths: string[] = [];
  let sample = '';
  for (let i = 0; i < pages; i++) {
    const p = page(i, rnd, obligations === 'all', plain);
    mkdirSync(dirname(join(dir, p.path)), { recursive: true });
    writeFileSync(join(dir, p.path), p.text);
    slugs.push(p.slug);
    paths.push(p.path);
    if (!sample && i % 30 === 0 && i > 0) sample = p.slug;
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'synthetic handbook');
  return { root: dir, slugs, files: paths, sample: sample || slugs[0] || '' };
}
