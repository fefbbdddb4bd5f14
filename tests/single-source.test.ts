// One source of truth: the minutes deadline is written once, in content/organization.yaml.
// Changing it there changes what the checker enforces AND the sentence on the meeting policy
// page, with no other edit. The test changes it in a copy to another value than the shipped one,
// whatever the shipped one is, and judges meetings dated after the policy's current version took
// effect, whenever that is: a process owner's valid change to the config or the page breaks nothing here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../scripts/test/site.ts';
import { loadOrganization, loadPolicies, repoRoot } from '../src/model/load.ts';
import { addToDate, isoDate, parseIsoDate } from '../src/model/dates.ts';
import { describeDeadline } from '../src/model/describe.ts';
import { runCheck } from '../checks/run.ts';
import { obligationRules } from '../checks/rules/index.ts';

type Org = ReturnType<typeof loadOrganization>;

/** The shipped policy whose obligation the minutes deadline sets, whichever page holds it. */
function minutesPolicy(org: Org) {
  for (const file of loadPolicies(org, obligationRules))
    for (const ob of file.policy.obligations)
      if (ob.rule === 'deadline' && (ob.due as { deadline?: string }).deadline === 'meeting-minutes')
        return { file, obligation: ob.id };
  throw new Error('no shipped obligation reads the meeting-minutes deadline');
}

describe('single source of truth', () => {
  it('a changed minutes deadline in the organisation config changes the findings and the policy page', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ssot-'));
    const config = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
    const shipped = config.deadlines['meeting-minutes'];
    const changed = { ...shipped, days: shipped.days === 1 ? 2 : 1 };
    config.deadlines['meeting-minutes'] = changed;
    const changedPath = join(base, 'organization.yaml');
    writeFileSync(changedPath, stringify(config));

    // Meetings without minutes, ended in the days after the policy's current version took effect
    // (whenever that is), judged a month later by that version: each is missing, due N days after it ended.
    const { file, obligation } = minutesPolicy(loadOrganization());
    const effective = parseIsoDate(file.policy.effective);
    const day = (n: number) => isoDate(addToDate(effective, 0, n));
    const ended = new Map<string, string>([1, 2, 3].map((n) => [`M-${n}`, day(n)]));
    const records = join(base, 'records');
    mkdirSync(records);
    writeFileSync(
      join(records, 'meetings.csv'),
      `会议编号,会议类型,会议主题,组织部门,开始时间,结束时间,纪要提交时间\n${[...ended]
        .map(([id, d]) => `${id},部门会议,例会,销售部,${d} 09:00,${d} 10:00,`)
        .join('\n')}\n`,
    );

    // The checker follows the file it is given: every minutes finding is due that many days after its meeting.
    const minutes = async (org: Org) =>
      [
        ...(
          await runCheck({
            recordsDir: records,
            asOf: day(40),
            since: day(0),
            org,
            policies: loadPolicies(org, obligationRules),
          })
        ).findings,
      ]
        .filter((f) => f.policy === file.policy.id && f.obligation === obligation)
        .map((f) => ({ subject: f.subject, due: f.due }));
    for (const [org, deadline] of [
      [loadOrganization(), shipped],
      [loadOrganization(changedPath), changed],
    ] as const) {
      const found = await minutes(org);
      expect(found.map((f) => f.subject).sort()).toEqual([...ended.keys()]);
      for (const f of found)
        expect(f.due, f.subject).toBe(
          isoDate(addToDate(parseIsoDate(ended.get(f.subject)!), deadline.months ?? 0, deadline.days)),
        );
    }
    expect(await minutes(loadOrganization(changedPath))).not.toEqual(await minutes(loadOrganization()));

    // The site: the shipped build states the shipped deadline; a build with the changed file states the new one.
    const sentence = (d: typeof shipped) => describeDeadline({ months: 0, ...d }, undefined, '会议结束', 'short');
    const policyPage = (dist: string) => readFileSync(join(dist, file.slug, 'index.html'), 'utf8');
    const count = (html: string, text: string) => html.split(text).length - 1;
    const before = policyPage(builtSite());
    expect(before).toContain(sentence(shipped));
    const dist = join(base, 'dist');
    execFileSync('node', [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        HANDBOOK_OUT_DIR: dist,
        HANDBOOK_ORGANIZATION: changedPath,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    });
    // Every statement of this deadline moved to the new value (another deadline of the same length
    // may still state the old one).
    const after = policyPage(dist);
    const moved = count(before, sentence(shipped)) - count(after, sentence(shipped));
    expect(moved).toBeGreaterThan(0);
    expect(count(after, sentence(changed)) - count(before, sentence(changed))).toBe(moved);
  }, 120_000);
});
