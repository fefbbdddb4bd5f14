// The content lint on a temporary git repository holding a copy of the handbook's content: each
// mistake a process owner can make in a pull request, made on purpose, and its message.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/root.ts';
import { codeowners, LintError, lintContent } from './lint-content.ts';
import { loadOrganization, type PolicyFile } from '../src/model/load.ts';

function repo() {
  const root = mkdtempSync(join(tmpdir(), 'lint-'));
  cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  // With a draft and a confidential page, which the shipped handbook has none of, and their owners'
  // CODEOWNERS lines among the pages' lines, in path order as the generator writes them.
  cpSync(join(repoRoot, 'tests/fixtures/pages'), join(root, 'content/docs'), { recursive: true });
  mkdirSync(join(root, '.github'));
  const org = loadOrganization();
  const fixtures = readdirSync(join(repoRoot, 'tests/fixtures/pages/policies'));
  const owned = fixtures.map((name) => {
    const owner = /^owner: (\S+)$/m.exec(
      readFileSync(join(repoRoot, 'tests/fixtures/pages/policies', name), 'utf8'),
    )![1];
    return `/content/docs/policies/${name} ${org.departments.find((d) => d.id === owner)!.team}`;
  });
  const lines = readFileSync(join(repoRoot, '.github/CODEOWNERS'), 'utf8').trimEnd().split('\n');
  const isPage = (line: string) => line.startsWith('/content/docs/');
  writeFileSync(
    join(root, '.github/CODEOWNERS'),
    `${[...lines.filter((l) => !isPage(l)), ...[...lines.filter(isPage), ...owned].toSorted()].join('\n')}\n`,
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
  const page = join(root, 'content/docs/policies/08-meetings.mdx');
  const edit = (path: string, change: (text: string) => string) =>
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  const errors = () =>
    lintContent({ root, base: 'main' })
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.file}:${p.line}: ${p.message} (${p.rule})`);
  return { root, page, edit, errors };
}

/** The line of `text` in a file (1-based). */
const lineOf = (path: string, text: string) => readFileSync(path, 'utf8').split('\n').indexOf(text) + 1;

const bump = (text: string) =>
  text
    .replace(/^version: (\d+)\.(\d+)\.\d+$/m, (_m, major, minor) => `version: ${major}.${Number(minor) + 1}.0`)
    // Dates after any the shipped page may carry.
    .replace(/^effective: .*$/m, 'effective: 2099-01-01')
    .replace(
      /^changes:\n/m,
      (m) =>
        `${m}  - version: ${/^version: (.*)$/m.exec(text.replace(/^version: (\d+)\.(\d+)\.\d+$/m, (_x, a, b) => `version: ${a}.${Number(b) + 1}.0`))![1]}\n    date: 2099-01-01\n    summary: 修改会议通知要求\n    approvedBy: executive-team\n`,
    );

describe('lint:content', () => {
  it('passes the shipped content', () => {
    expect(repo().errors()).toEqual([]);
  });

  it('policy text changed without a raised version: an error at the version line; with a version and a changes entry it passes', () => {
    const { page, edit, errors } = repo();
    const shipped = /^version: (.*)$/m.exec(readFileSync(page, 'utf8'))!;
    edit(page, (t) => t.replaceAll('会议组织者应提前确定', '会议组织者应至少提前一天确定'));
    expect(errors()).toEqual([
      `content/docs/policies/08-meetings.mdx:${lineOf(page, shipped[0])}: 正文或要求已修改，请提高版本号并在 changes 中说明 / the text changed since main: raise version (now ${shipped[1]}) and add a changes entry (version)`,
    ]);
    edit(page, bump);
    expect(errors()).toEqual([]);
  });

  it('a version raised with nothing changed is an error', () => {
    const { page, edit, errors } = repo();
    edit(page, bump);
    const raised = /^version: (.*)$/m.exec(readFileSync(page, 'utf8'))![1];
    expect(errors()).toEqual([
      expect.stringContaining(
        `版本号已提高，但内容没有变化 / version raised to ${raised} but nothing changed since main (version)`,
      ),
    ]);
  });

  it('a deadline changed in the organisation config names the policies that state it and asks for their version bump', () => {
    const { root, page, edit, errors } = repo();
    edit(join(root, 'content/organization.yaml'), (t) =>
      // One day more than whatever ships: a valid change whatever the shipped value is.
      t.replace(/(meeting-minutes:\n(?: {4}.*\n)*? {4}days: )(\d+)/, (_, head, days) => `${head}${Number(days) + 1}`),
    );
    // Every page that states the minutes deadline (an obligation due by it, or a <Param> of it), whichever they are.
    const pages = readdirSync(join(root, 'content/docs/policies'))
      .filter((f) =>
        /deadline: meeting-minutes\b|<Param[^>]*deadline="meeting-minutes"/.test(
          readFileSync(join(root, 'content/docs/policies', f), 'utf8'),
        ),
      )
      .map((f) => join(root, 'content/docs/policies', f));
    expect(pages).toContain(page);
    const found = errors();
    expect(found).toEqual(
      pages.map((p) =>
        expect.stringMatching(
          new RegExp(
            `^content/docs/policies/${p.split('/').at(-1)!.replace('.', '\\.')}:\\d+: 组织配置中的deadline meeting-minutes已修改`,
          ),
        ),
      ),
    );
    for (const p of pages) edit(p, bump);
    expect(errors()).toEqual([]);
  });

  it("one mistake on a page is that page's error, not one per process that names the page", () => {
    const { page, edit, errors } = repo();
    edit(page, (t) => bump(t.replace(/^owner: operations$/m, 'owner: operatons')));
    const found = errors();
    expect(found.filter((e) => e.startsWith('content/processes/'))).toEqual([]);
    expect(found).toEqual([expect.stringMatching(/^content\/docs\/policies\/08-meetings\.mdx:\d+: .*operatons/)]);
  });

  it("CODEOWNERS out of date with a page's owner is an error", () => {
    const { page, edit, errors } = repo();
    edit(page, (t) => bump(t.replace(/^owner: operations$/m, 'owner: hr')));
    expect(errors()).toEqual([
      expect.stringMatching(/^\.github\/CODEOWNERS:\d+: CODEOWNERS 与各制度页的归口部门不一致.*\(codeowners\)$/),
    ]);
  });

  it('an obligation anchor naming no heading is a schema error at the line of the anchor', () => {
    const { page, edit, errors } = repo();
    edit(page, (t) => t.replace('anchor: 三会议记录与纪要', 'anchor: 不存在的标题'));
    const found = errors();
    expect(found[0]).toMatch(
      /^content\/docs\/policies\/08-meetings\.mdx:\d+: 内容不符合规范 \/ obligations\.0\.anchor: no heading "不存在的标题" on this page, expected one of .*\(schema\)$/,
    );
    const line = Number(/:(\d+):/.exec(found[0]!)![1]);
    expect(readFileSync(page, 'utf8').split('\n')[line - 1]).toContain('anchor: 不存在的标题');
  });

  it('a policy page renamed without a redirect from its old address is an error; with one it passes', () => {
    const { root, errors } = repo();
    renameSync(join(root, 'content/docs/policies/07-information.mdx'), join(root, 'content/docs/policies/07-info.mdx'));
    const found = errors();
    expect(found).toContainEqual(
      expect.stringContaining(
        'content/docs/policies/07-information.mdx:1: 制度页已删除或改名，请在 content/redirects.yaml 中把 /policies/07-information/ 指向新地址',
      ),
    );
    writeFileSync(join(root, 'content/redirects.yaml'), "'/policies/07-information/': /policies/07-info/\n");
    expect(errors().filter((e) => e.endsWith('(redirect)'))).toEqual([]);
    // A redirect that is no site address is said, not passed to Astro.
    writeFileSync(join(root, 'content/redirects.yaml'), "'/policies/07-information/': policies/07-info\n");
    expect(errors()).toContainEqual(
      expect.stringContaining(
        'content/redirects.yaml:1: 内容不符合规范 / /policies/07-information/: expected an address on this site between slashes',
      ),
    );
  });

  it('a redirect leads from a page gone to a page there: never off the site, over a live page, in a loop or nowhere', () => {
    const { root, errors } = repo();
    const redirects = [
      "'/policies/07-information/': '//attacker.example/x/'",
      "'/policies/08-meetings/': /policies/09-documents/",
      "'/policies/old-a/': /policies/old-b/",
      "'/policies/old-b/': /policies/old-a/",
      "'/policies/old-c/': /policies/no-such-page/",
      "'/policies/old-d/': /policies/old-e/",
      "'/policies/old-e/': /policies/09-documents/",
      "'/policies/old-f/': /departments/sales/",
    ];
    writeFileSync(join(root, 'content/redirects.yaml'), `${redirects.join('\n')}\n`);
    expect(errors().filter((e) => e.startsWith('content/redirects.yaml'))).toEqual([
      expect.stringContaining(
        'content/redirects.yaml:1: 内容不符合规范 / /policies/07-information/: expected an address on this site',
      ),
    ]);
    writeFileSync(join(root, 'content/redirects.yaml'), `${redirects.slice(1).join('\n')}\n`);
    expect(errors().filter((e) => e.endsWith('(redirect)'))).toEqual([
      'content/redirects.yaml:1: /policies/08-meetings/ 仍是网站上的页面，跳转会把它挡住；请删去这条跳转 / /policies/08-meetings/ is still a page of the site, which the redirect would hide: remove the redirect (redirect)',
      'content/redirects.yaml:2: 跳转 /policies/old-a/ → /policies/old-b/ 形成循环 / the redirect /policies/old-a/ → /policies/old-b/ loops back to /policies/old-a/ (redirect)',
      'content/redirects.yaml:3: 跳转 /policies/old-b/ → /policies/old-a/ 形成循环 / the redirect /policies/old-b/ → /policies/old-a/ loops back to /policies/old-b/ (redirect)',
      "content/redirects.yaml:4: 跳转的目标 /policies/no-such-page/ 不是网站上的页面 / the redirect's target /policies/no-such-page/ is no page of the site (redirect)",
      'content/redirects.yaml:5: /policies/old-e/ 本身也已改址，请直接指向 /policies/09-documents/ / /policies/old-e/ redirects too: point /policies/old-d/ to /policies/09-documents/ (redirect)',
    ]);
  });

  it('deleting the draft and the confidential example asks for no redirect: their addresses were never published', () => {
    const { root, errors } = repo();
    rmSync(join(root, 'content/docs/policies/11-draft-example.mdx'));
    rmSync(join(root, 'content/docs/policies/12-confidential-example.mdx'));
    expect(errors().filter((e) => e.endsWith('(redirect)'))).toEqual([]);
  });

  it('a link to no page, to a missing anchor, to a draft or to a source file is an error at its line, in Chinese and English', () => {
    const { page, edit, errors } = repo();
    const links = [
      '见[文档管理](/policies/09-document/)。',
      '见[会议记录](/policies/08-meetings/#会议记录)。',
      '见[草稿](/policies/11-draft-example/)。',
      '见[会议管理](./08-meetings.mdx)。',
      '见[文档管理](/policies/09-documents/#三文档借阅与使用)、[运营部](/departments/operations/)、[会议流程](../../processes/meeting-lifecycle/)和[第八章](#三会议记录与纪要)。',
    ];
    edit(page, (t) => `${t.trimEnd()}\n\n${links.join('\n\n')}\n`);
    const at = (text: string) => `content/docs/policies/08-meetings.mdx:${lineOf(page, text)}:`;
    const found = errors().filter((e) => e.endsWith('(link)'));
    expect(found).toEqual([
      `${at(links[0]!)} 链接指向不存在的页面 /policies/09-document/ / link to a page that does not exist: /policies/09-document/ (link)`,
      expect.stringMatching(
        new RegExp(
          `^${at(links[1]!)} 链接的锚点 #会议记录 在 /policies/08-meetings/ 中不存在，该页的标题锚点有：.*三会议记录与纪要.* / no heading or id "会议记录" on /policies/08-meetings/ \\(link\\)$`,
        ),
      ),
      `${at(links[2]!)} 链接指向未发布的页面 /policies/11-draft-example/（草稿或机密页不在网站上） / link to /policies/11-draft-example/, which the site does not publish (a draft or confidential page) (link)`,
      `${at(links[3]!)} 链接写的是源文件 ./08-meetings.mdx，网站上没有这个地址，请写页面地址（如 /policies/08-meetings/） / link to the source file ./08-meetings.mdx: write the page's address (e.g. /policies/08-meetings/) (link)`,
    ]);
    // The last line's links all lead somewhere: a heading of another page, a department, a process, a heading here.
    expect(found.join('\n')).not.toContain(`:${lineOf(page, links[4]!)}:`);
  });

  it('a policy page is data: an import, an export, an expression, another component or HTML is an error at its line', () => {
    const { page, edit, errors } = repo();
    const code = [
      "import config from '../../../.git/config?raw';",
      'export const leaked = 1;',
      '凭据：{config}',
      '<Param name={globalThis.process.env.GITHUB_TOKEN} />',
      '<Param {...props} />',
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)" />',
    ];
    // Data that stays: the handbook's components, an import of one of them, a literal attribute, a comment.
    const data = [
      "import Proposal from '../../../src/components/Proposal.astro';",
      '<DepartmentDuties id="sales" level={4} number="1." />',
      '{/* 注释 */}',
    ];
    edit(page, (t) => `${t.trimEnd()}\n\n${[...code, ...data].join('\n\n')}\n`);
    const found = errors().filter((e) => e.endsWith('(code)'));
    const at = (text: string) => `content/docs/policies/08-meetings.mdx:${lineOf(page, text)}:`;
    expect(found.map((e) => e.slice(0, e.indexOf(': ') + 1))).toEqual(code.map(at));
    expect(found[0]).toContain('制度页不能含有 import 或 export');
    expect(found[2]).toContain('a policy page cannot hold a {…} expression');
    expect(found[5]).toContain('不能使用 <script>');
  });

  it('MDX that does not parse is an error at its line in Chinese and English, and a Markdown page may hold no HTML', () => {
    const { root, page, edit, errors } = repo();
    edit(page, (t) => `${t.trimEnd()}\n\n预算不超过 {100 万元。\n`);
    expect(errors().filter((e) => e.endsWith('(code)'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^content/docs/policies/08-meetings.mdx:${lineOf(page, '预算不超过 {100 万元。')}: MDX 语法错误.* / MDX syntax error: `,
        ),
      ),
    ]);
    const md = join(root, 'content/docs/policies/05-risk.md');
    renameSync(join(root, 'content/docs/policies/05-risk.mdx'), md);
    edit(md, (t) =>
      t
        .replace(/^import .*\n/gm, '')
        .replace(/<Flowchart[^>]*\/>/g, '')
        .concat('\n<iframe src="https://example.com"></iframe>\n\n<!-- 说明 -->\n'),
    );
    expect(errors().filter((e) => e.includes('05-risk.md:') && e.endsWith('(code)'))).toEqual([
      `content/docs/policies/05-risk.md:${lineOf(md, '<iframe src="https://example.com"></iframe>')}: 制度页不能含有 HTML 标签，请改用 Markdown / a policy page cannot hold HTML tags; write it in Markdown (code)`,
    ]);
  });

  it('a page that is not a policy (the reference) must parse too: a stray <模板名> in its prose is an error at its line', () => {
    const { root, edit, errors } = repo();
    const reference = join(root, 'content/docs/reference/checker.mdx');
    const line = '标题写作 <发起人>提交的<模板名>。';
    edit(reference, (t) => `${t.trimEnd()}\n\n${line}\n`);
    expect(errors().filter((e) => e.startsWith('content/docs/reference/checker.mdx:'))).toEqual([
      expect.stringMatching(new RegExp(`^content/docs/reference/checker.mdx:${lineOf(reference, line)}: MDX 语法错误`)),
    ]);
  });

  it('a page file name CODEOWNERS cannot state as itself is an error, and no CODEOWNERS line is made from it', () => {
    const { root, errors } = repo();
    const crafted = '05-risk\n* @attacker\n.mdx';
    renameSync(join(root, 'content/docs/policies/05-risk.mdx'), join(root, 'content/docs/policies', crafted));
    expect(errors().filter((e) => e.includes('文件名只能含'))).toEqual([
      expect.stringMatching(/^content\/docs\/policies\/05-risk␊\* @attacker␊\.mdx:1: 文件名只能含.*\(codeowners\)$/),
    ]);
    const org = loadOrganization(join(root, 'content/organization.yaml'));
    const page = (file: string) => ({ file, slug: 'x', policy: { owner: 'sales' } }) as unknown as PolicyFile;
    const text = codeowners(org, [
      page('content/docs/policies/03-planning.mdx'),
      page(`content/docs/policies/${crafted}`),
    ]);
    expect(text).toContain('/content/docs/policies/03-planning.mdx @');
    expect(text).not.toContain('@attacker');
    expect(text.split('\n').filter((l) => l.startsWith('*'))).toHaveLength(1);
  });

  it('a --base that names no commit, or an option, stops the lint with one line instead of comparing against nothing', () => {
    const { root } = repo();
    expect(() => lintContent({ root, base: 'origin/no-such-branch' })).toThrow(LintError);
    expect(() => lintContent({ root, base: '--output=lint-output.txt' })).toThrow(/names no commit here/);
  });

  it('a page whose frontmatter on the base cannot be read is compared with nothing and said, not a crash', () => {
    const { root, page, edit } = repo();
    const version = /^version: (.*)$/m.exec(readFileSync(page, 'utf8'))![1]!;
    edit(page, (t) => t.replace(/^version: .*$/m, 'version: [未定'));
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'broken'], {
      cwd: root,
    });
    edit(page, (t) => bump(t.replace(/^version: .*$/m, `version: ${version}`)));
    const found = lintContent({ root, base: 'HEAD' }).filter(
      (p) => p.rule === 'version' && p.file === 'content/docs/policies/08-meetings.mdx',
    );
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('读不出版本号') }),
    ]);
  });

  it('an effective date moved without a new version is an error at its line; so is a policy id used twice', () => {
    const { root, page, edit, errors } = repo();
    edit(page, (t) => t.replace(/^effective: .*$/m, 'effective: 2099-06-01'));
    expect(errors().filter((e) => e.endsWith('(version)'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^content/docs/policies/08-meetings.mdx:${lineOf(page, 'effective: 2099-06-01')}: 生效日期由 .* 改为 2099-06-01，但版本号没有提高`,
        ),
      ),
    ]);
    const other = join(root, 'content/docs/policies/07-information.mdx');
    const id = /^id: (.*)$/m.exec(readFileSync(page, 'utf8'))![1]!;
    edit(other, (t) => t.replace(/^id: .*$/m, `id: ${id}`));
    expect(errors().filter((e) => e.includes(`制度编号 ${id} 已由`))).toEqual([
      `content/docs/policies/08-meetings.mdx:${lineOf(page, `id: ${id}`)}: 制度编号 ${id} 已由 content/docs/policies/07-information.mdx 使用，请换一个 / policy id ${id} is already content/docs/policies/07-information.mdx's: choose another (schema)`,
    ]);
  });

  it('a proposal whose proposed effective date has passed is a warning at that date; one still ahead is not', () => {
    const { root, page, edit } = repo();
    const proposals = () =>
      lintContent({ root })
        .filter((p) => p.file.endsWith('08-meetings.mdx') && p.message.includes('拟生效日期'))
        .map((p) => `${p.line} ${p.severity}`);
    edit(page, (t) =>
      t.replace(/^status: .*$/m, 'status: in-review').replace(/^effective: .*$/m, 'effective: 2001-02-03'),
    );
    expect(proposals()).toEqual([`${lineOf(page, 'effective: 2001-02-03')} warning`]);
    edit(page, (t) => t.replace(/^effective: .*$/m, 'effective: 2099-02-03'));
    expect(proposals()).toEqual([]);
  });

  it('a <Param> whose value repeats the words before it is a warning at the <Param>', () => {
    const { root, page, edit } = repo();
    const line = '会议纪要应在会议结束后<Param deadline="meeting-minutes" event="会议结束" form="short" />提交。';
    edit(page, (t) => `${t.trimEnd()}\n\n${line}\n`);
    const found = lintContent({ root }).filter((p) => p.rule === 'param-words');
    expect(found).toEqual([
      expect.objectContaining({
        file: 'content/docs/policies/08-meetings.mdx',
        line: lineOf(page, line),
        severity: 'warning',
        message: expect.stringMatching(/^“会议结束后”重复：<Param> 显示为“会议结束后 \d+ 个日历日内”/),
      }),
    ]);
  });

  it('Chinese typography problems are warnings with the suggested text', () => {
    const { root, page, edit } = repo();
    edit(page, (t) => t.replace('会议组织者应提前确定', '会议组织者应提前3天确定,并通知'));
    const warnings = lintContent({ root }).filter((p) => p.rule === 'typography');
    expect(warnings).toEqual([
      expect.objectContaining({
        file: 'content/docs/policies/08-meetings.mdx',
        severity: 'warning',
        message: expect.stringContaining('提前 3 天确定，并通知'),
      }),
    ]);
  });
});
