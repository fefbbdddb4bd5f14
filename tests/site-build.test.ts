// The production build: every published chapter is there with its metadata and requirements,
// and no draft or confidential page reaches the pages, the sitemap or the search index.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES } from '../scripts/test/build-site.ts';
import { builtSite } from '../scripts/test/site.ts';
import { loadOrganization, loadPolicies, repoRoot } from '../src/model/load.ts';
import { isReviewOverdue, nextReview } from '../src/model/review.ts';
import { addToDate, isoDate, today } from '../src/model/dates.ts';
import { deadlinesBetween } from '../src/site/deadlines.ts';
import { describeObligation, obligationRules } from '../checks/rules/index.ts';
import { isExampleAddress } from '../src/schema/organization.ts';

const dist = builtSite();
const org = loadOrganization();
const policies = loadPolicies(org, obligationRules);
const isPublished = ({ policy }: (typeof policies)[number]) =>
  policy.status !== 'draft' && policy.classification !== 'confidential';
const published = policies.filter(isPublished);
// The test build adds a draft and a confidential page (tests/fixtures/pages) to whatever the handbook ships.
const hidden = [
  ...policies.filter((p) => !isPublished(p)),
  ...loadPolicies(org, obligationRules, join(repoRoot, FIXTURE_PAGES)),
];

const page = (slug: string) => join(dist, slug, 'index.html');
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e])
    .replace(/\s+/g, ' ');

/** The URLs Pagefind indexed: each fragment is gzip of "pagefind_dcd" + JSON. */
function indexedUrls(): string[] {
  const dir = join(dist, 'pagefind', 'fragment');
  return readdirSync(dir).map(
    (f) =>
      JSON.parse(
        gunzipSync(readFileSync(join(dir, f)))
          .toString('utf8')
          .replace(/^pagefind_dcd/, ''),
      ).url,
  );
}

describe('production build', () => {
  it("dates 最近更新 on the organisation's calendar, not UTC's", () => {
    const html = readFileSync(join(dist, 'policies/08-meetings/index.html'), 'utf8');
    const at = /最近更新[^<]*<time datetime="([^"]+)">([^<]+)<\/time>/.exec(html);
    expect(at).not.toBeNull();
    const day = new Date(at![1]!).toLocaleDateString('zh-CN', { dateStyle: 'long', timeZone: org.timeZone });
    expect(at![2]).toBe(day);
  });

  it('contains every chapter of the seed as a published page', () => {
    const chapters = published.map((p) => p.policy.chapter);
    for (let chapter = 1; chapter <= 9; chapter++) expect(chapters, `chapter ${chapter}`).toContain(chapter);
    for (const { slug } of published) expect(existsSync(page(slug)), slug).toBe(true);
  });

  it('builds at least one draft and one confidential page, so the exclusion below is tested', () => {
    expect(hidden.some((p) => p.policy.status === 'draft')).toBe(true);
    expect(hidden.some((p) => p.policy.classification === 'confidential')).toBe(true);
  });

  it('keeps drafts and confidential pages out of the pages, the sitemap and the search index', () => {
    const sitemap = readdirSync(dist)
      .filter((f) => f.startsWith('sitemap'))
      .map((f) => readFileSync(join(dist, f), 'utf8'))
      .join('\n');
    const urls = indexedUrls();
    for (const { slug, policy } of hidden) {
      expect(existsSync(page(slug)), slug).toBe(false);
      expect(sitemap).not.toContain(`/${slug}/`);
      expect(urls).not.toContain(`/${slug}/`);
      for (const { slug: other } of published)
        expect(readFileSync(page(other), 'utf8'), `${other} links to ${slug}`).not.toContain(policy.id);
    }
    for (const { slug } of published) expect(urls).toContain(`/${slug}/`);
  });

  it("keeps the English summary out of a Chinese reader's way: collapsed under the metadata, not printed", () => {
    for (const { slug, policy } of published) {
      const html = readFileSync(page(slug), 'utf8');
      const english = /<details class="policy-english"[^>]*>([\s\S]*?)<\/details>/.exec(html);
      expect(english, slug).not.toBeNull();
      expect(english![0], slug).not.toMatch(/<details[^>]* open/);
      expect(text(english![1]!), slug).toContain(policy.titleEn);
      expect(html.indexOf('policy-english'), slug).toBeGreaterThan(html.indexOf('policy-meta'));
    }
    const css = readdirSync(join(dist, '_astro'))
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(dist, '_astro', f), 'utf8'))
      .join('');
    expect(css).toMatch(/@media print\{[^}]*\.policy-english\{display:none\}/);
  });

  it('opens each policy page with its metadata and an overdue badge exactly when the review is overdue', () => {
    const now = today(org.timeZone);
    for (const { slug, policy } of published) {
      const html = readFileSync(page(slug), 'utf8');
      const body = text(html);
      expect(body).toContain(policy.id);
      expect(body).toContain(policy.version);
      expect(html).toContain(`href="/departments/${policy.owner}/"`);
      const next = nextReview(policy.review.last, policy.review.cycle);
      expect(html).toContain(`datetime="${next}"`);
      expect(body.includes('评审已逾期'), `${slug} overdue badge`).toBe(isReviewOverdue(next, now));
      expect(body.includes('提案，尚未生效'), `${slug} proposal banner`).toBe(policy.status === 'in-review');
      // "编辑此页" opens the repository's editor, once the company has said where it is.
      expect(body.includes('编辑此页'), `${slug} edit link`).toBe(!isExampleAddress(org.handbook.editBase));
    }
  });

  it('lists what each policy requires, with deadlines from the organisation config', () => {
    for (const { slug, policy } of published) {
      const body = text(readFileSync(page(slug), 'utf8'));
      for (const ob of policy.obligations) expect(body).toContain(describeObligation(ob, org));
      expect(body.includes('本制度的要求')).toBe(policy.obligations.length > 0);
    }
  });

  it('renders blanks of the seed as config values, never as placeholders', () => {
    for (const { slug } of published) expect(text(readFileSync(page(slug), 'utf8'))).not.toMatch(/\[具体/);
  });

  it('has a page per department with the obligations it carries', () => {
    for (const d of org.departments) {
      const body = text(readFileSync(page(`departments/${d.id}`), 'utf8'));
      expect(body).toContain(d.name);
      expect(body).toContain(d.nameEn);
    }
    expect(text(readFileSync(page('departments/sales'), 'utf8'))).toContain('提交下一年度运营计划');
    expect(text(readFileSync(page('departments/executive-team'), 'utf8'))).not.toContain('提交下一年度运营计划');
  });

  it('has an index of departments and a favicon', () => {
    const body = text(readFileSync(page('departments'), 'utf8'));
    for (const d of org.departments) expect(body).toContain(d.name);
    expect(readFileSync(join(dist, 'favicon.svg'), 'utf8')).toContain('<svg');
  });

  it("shows each department's duties from the one list chapter 2 shows too, and its open findings from the build's report", async () => {
    const { runCheck } = await import('../checks/run.ts');
    const report = await runCheck({ recordsDir: join(import.meta.dirname, '../checks/samples'), org });
    const chapter2 = text(readFileSync(page(published.find((p) => p.policy.chapter === 2)!.slug), 'utf8'));
    for (const d of org.departments) {
      const body = text(readFileSync(page(`departments/${d.id}`), 'utf8'));
      for (const duty of d.duties) {
        expect(body, d.id).toContain(duty);
        expect(chapter2, d.id).toContain(duty);
      }
      const open = report.findings.filter((f) => f.department === d.id);
      expect(body, d.id).toContain(open.length ? `${open.length} 项` : '没有');
      // The page opens with the line a head of department asks for: open findings, due this week, next.
      const html = readFileSync(page(`departments/${d.id}`), 'utf8');
      const summary = /<p class="department-summary"[^>]*>([\s\S]*?)<\/p>/.exec(html);
      expect(summary, d.id).not.toBeNull();
      expect(html.indexOf('department-summary'), d.id).toBeLessThan(html.indexOf('id="duties"'));
      expect(text(summary![1]!), d.id).toContain(`未结检查结果 ${open.length} 项`);
      expect(text(summary![1]!), d.id).toMatch(/7 日内到期 \d+ 项/);
    }
    // Obligations carried through a role are listed with the role.
    expect(text(readFileSync(page('departments/finance'), 'utf8'))).toContain('作为会议组织者时');
  });

  it('publishes the deadline calendar and its .ics feed from the same obligations', () => {
    const now = today(org.timeZone);
    const from = { year: now.year, month: now.month, day: 1 };
    const entries = deadlinesBetween(published, org, from, addToDate(from, 12, -1));
    expect(entries.length).toBeGreaterThan(12);
    const html = readFileSync(page('calendar'), 'utf8');
    for (const e of entries) expect(html).toContain(`datetime="${isoDate(e.due)}"`);
    // Each month has its own page too, with that month's deadlines (a large calendar lists only its months).
    for (const e of entries) {
      const month = readFileSync(page(`calendar/${isoDate(e.due).slice(0, 7)}`), 'utf8');
      expect(month).toContain(`datetime="${isoDate(e.due)}"`);
      expect(month).toContain(`#obligation-${e.obligation.id}`);
    }
    // A deadline before the build day is marked past, and only such a one.
    const built = isoDate(now);
    let rows = 0;
    for (const file of readdirSync(join(dist, 'calendar')).filter((f) => /^\d{4}-\d{2}$/.test(f))) {
      const html = readFileSync(page(`calendar/${file}`), 'utf8');
      for (const [, cls, due] of html.matchAll(
        /<tr( class="calendar-past")?>\s*<td data-label="截止日期"[^>]*>\s*<time datetime="([\d-]+)"/g,
      )) {
        expect(Boolean(cls), `${file} ${due}`).toBe(due! < built);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(0);
    const ics = readFileSync(join(dist, 'calendar.ics'), 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(entries.length);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${isoDate(entries[0]!.due).replaceAll('-', '')}`);
  });

  it("marks on 修订动态 and in each page's 修订记录 exactly the versions whose change page shows no change of the words or the values they state", () => {
    const html = readFileSync(page('changes'), 'utf8');
    let compared = 0;
    for (const [, row] of html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
      const href = /href="(\/changes\/[^"]+\/)"/.exec(row!)?.[1];
      if (!href) continue;
      const diff = readFileSync(join(dist, href, 'index.html'), 'utf8');
      const unchanged = diff.includes('正文文字没有变化') && !diff.includes('data-key=');
      expect(row!.includes('change-correction'), href).toBe(unchanged);
      // The policy's own history says the same.
      const policyPage = readFileSync(
        join(dist, /href="(\/[^"]+\/)"/.exec(row!.replace(href, ''))![1]!, 'index.html'),
        'utf8',
      );
      const history = policyPage.slice(policyPage.indexOf('id="history-heading"'));
      const own = [...history.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].find(([, r]) => r!.includes(`href="${href}"`));
      expect(own?.[1]?.includes('change-correction'), `${href} on its policy page`).toBe(unchanged);
      // Each value it changed, in the policy's words, under its summary; a deadline only renamed is no change.
      const changedValues = [...diff.matchAll(/<li data-key="[^"]+"( data-renamed)?[^>]*>[\s\S]*?<ins>([^<]*)<\/ins>/g)]
        .filter(([, renamed]) => !renamed)
        .map(([, , after]) => after!);
      const facts = [
        ...(/<ul class="change-facts"[^>]*>([\s\S]*?)<\/ul>/.exec(row!)?.[1] ?? '').matchAll(
          /<li[^>]*>([\s\S]*?)<\/li>/g,
        ),
      ]
        .map(([, li]) => text(li!))
        .filter((f) => !f.startsWith('新增要求') && !f.startsWith('删去要求'));
      expect(facts.length, href).toBe(changedValues.length);
      for (const value of changedValues) expect(facts.join('\n'), href).toContain(`改为${text(value)}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('shows a proposal as proposed: no approver and no day in force on 修订动态, no past proposed day on its page', () => {
    const changes = readFileSync(page('changes'), 'utf8');
    const day = isoDate(today(org.timeZone));
    for (const { slug, policy } of published.filter(({ policy }) => policy.status === 'in-review')) {
      const row = [...changes.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
        .map(([, r]) => r!)
        .find((r) => r.includes(`href="/${slug}/"`) && text(r).includes(policy.version));
      expect(row, policy.id).toBeDefined();
      expect(text(row!)).toContain('待批准');
      expect(row).not.toContain('version-effective');
      const meta = text(readFileSync(page(slug), 'utf8'));
      if (policy.effective < day) expect(meta).toMatch(/拟生效日期\s*批准后确定/);
      else expect(meta).toMatch(/拟生效日期\s*\d{4}年/);
    }
  });

  it('publishes one calendar per department, valid by RFC 5545: lines of at most 75 octets, parsed by ical.js, an alarm the day before each deadline', async () => {
    const { default: ICAL } = await import('ical.js');
    const { carriedBy } = await import('../src/site/ical.ts');
    const now = today(org.timeZone);
    const from = { year: now.year, month: now.month, day: 1 };
    const entries = deadlinesBetween(published, org, from, addToDate(from, 12, -1));
    const feeds = [
      ['calendar.ics', entries],
      ...org.departments.map((d) => [`calendar/${d.id}.ics`, entries.filter((e) => carriedBy(e, d.id, org))] as const),
    ] as const;
    for (const [file, expected] of feeds) {
      const ics = readFileSync(join(dist, file), 'utf8');
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line), `${file}: ${line}`).toBeLessThanOrEqual(75);
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const events = calendar.getAllSubcomponents('vevent');
      expect(events, file).toHaveLength(expected.length);
      // Every department carries something: the executive team its approval steps.
      expect(events.length, file).toBeGreaterThan(0);
      for (const event of events) {
        expect(String(event.getFirstPropertyValue('url')), file).toMatch(/^https?:\/\/.+\/policies\/.+#/);
        const alarm = event.getFirstSubcomponent('valarm');
        expect(alarm, file).not.toBeNull();
        expect((alarm!.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>).toSeconds(), file).toBe(
          -86_400,
        );
      }
    }
    // A department page offers its own feed.
    expect(readFileSync(page('departments/sales'), 'utf8')).toContain('href="/calendar/sales.ics"');
  });

  it('publishes an operating manual per process with its inline flowchart, steps and forms (a page and a Word file each)', async () => {
    const { loadForms, loadProcesses } = await import('../src/process/load.ts');
    const forms = loadForms();
    for (const process of loadProcesses(org, policies, undefined, forms)) {
      const html = readFileSync(page(`processes/${process.id}`), 'utf8');
      expect(html).toContain(`<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img"`);
      // Lane names that stay in view while the chart scrolls sideways on a phone.
      expect(html.match(/<div class="flowchart-lanes"[^>]*>(.*?)<\/div>/)?.[1]?.match(/<span/g)).toHaveLength(
        process.lanes.length,
      );
      for (const step of process.steps) expect(text(html)).toContain(step.label);
      for (const doc of process.steps.flatMap((s) => [...s.inputs, ...s.outputs]).filter((d) => d.startsWith('form:')))
        expect(html).toContain(`href="/forms/${doc.slice(5)}/"`);
    }
    for (const form of forms) {
      const docx = readFileSync(join(dist, 'forms', `${form.id}.docx`));
      expect(docx.subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip package
      // The same form readable as a page (a phone has no Word), linking its download and its policy.
      const html = readFileSync(page(`forms/${form.id}`), 'utf8');
      expect(html).toContain(`href="/forms/${form.id}.docx"`);
      for (const field of form.fields) expect(text(html)).toContain(field.label);
      for (const column of form.table?.columns ?? []) expect(text(html)).toContain(column);
      for (const signature of form.signatures) expect(text(html)).toContain(signature);
      expect(readFileSync(page('forms'), 'utf8')).toContain(`href="/forms/${form.id}/"`);
    }
    // Policy pages embed their flowcharts.
    expect(readFileSync(page('policies/08-meetings'), 'utf8')).toContain('data-process="meeting-lifecycle"');
  });

  it('publishes the compliance report computed by the checker from the same policies', async () => {
    const { runCheck } = await import('../checks/run.ts');
    const report = await runCheck({ recordsDir: join(import.meta.dirname, '../checks/samples'), org });
    const body = text(readFileSync(page('compliance'), 'utf8'));
    const { read, accepted, rejected } = report.summary.rows;
    expect(body).toContain(`读取 ${read} 行 = 接受 ${accepted} + 拒绝 ${rejected}`);
    for (const g of report.rejected.groups) expect(body).toContain(`${g.file}`);
    // What those who run the checks need (refused rows, encodings, warnings) is in one collapsed
    // section; the rest of the page is for readers.
    const { rejectionGroupText } = await import('../checks/report/labels.ts');
    const html0 = readFileSync(page('compliance'), 'utf8');
    const diagnostics = /<details class="diagnostics\b[^>]*>([\s\S]*?)<\/details>/.exec(html0)?.[1] ?? '';
    const outside = text(html0.replace(diagnostics, ''));
    for (const g of report.rejected.groups) {
      expect(text(diagnostics)).toContain(text(rejectionGroupText(g, org)));
      expect(outside).not.toContain(text(rejectionGroupText(g, org)));
    }
    for (const f of report.summary.files.filter((x) => x.encoding)) expect(outside).not.toContain(f.encoding!);
    for (const o of report.summary.obligations.filter((x) => x.checked !== true)) expect(body).toContain(o.policy);
    // When it was made and from what, and the charts with their data tables.
    expect(body).toContain(`共 ${read} 行`);
    for (const f of report.summary.files.filter((x) => x.type !== null)) expect(body).toContain(f.file);
    const html = readFileSync(page('compliance'), 'utf8');
    expect(html).toContain('id="chart-by-obligation"');
    expect(html).toContain('<summary>数据表</summary>');
    // Each department's findings have their own pages too (a large report lists only counts here).
    for (const d of org.departments) {
      const own = report.findings.filter((f) => f.department === d.id);
      const deptPage = text(readFileSync(page(`compliance/${d.id}`), 'utf8'));
      expect(deptPage).toContain(`未结的检查结果 ${own.length} 项`);
      for (const f of own) expect(deptPage, `${d.id} ${f.subject}`).toContain(`${f.policy} ${f.title}`);
    }
  });

  it('says on every page that shows the report that it comes from the sample exports, when it does', () => {
    // The test build is made without HANDBOOK_RECORDS: the samples stand in.
    const pages = ['compliance', ...org.departments.flatMap((d) => [`compliance/${d.id}`, `departments/${d.id}`])];
    for (const slug of pages)
      expect(text(readFileSync(page(slug), 'utf8')), slug).toContain('示例数据。还没有接入公司系统的导出');
  });

  it('documents every checker rule on the reference page the findings link to', async () => {
    const { rules } = await import('../checks/rules/index.ts');
    const html = readFileSync(page('reference/checker'), 'utf8');
    for (const id of [...rules.map((r) => r.id), 'policy-review']) expect(html, id).toContain(`id="${id}"`);
    // Every record type with its columns, generated from the record schema.
    const { recordTypes } = await import('../src/schema/record-types.ts');
    for (const [type, spec] of Object.entries(recordTypes)) {
      expect(html, type).toContain(`id="records-${type}"`);
      for (const field of Object.values(spec.fields)) expect(text(html), `${type} ${field.zh}`).toContain(field.zh);
    }
  });
});
