// One source of truth: the minutes deadline is written once, in content/organization.yaml.
// Changing it there changes what the checker enforces AND the sentence on the meeting policy
// page, with no other edit. The test changes it in a copy to another value than the shipped one,
// whatever the shipped one is, so a process owner's change to the config breaks nothing here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../scripts/test/site.ts';
import { loadOrganization, repoRoot } from '../src/model/load.ts';
import { addToDate, isoDate, parseIsoDate } from '../src/model/dates.ts';
import { describeDeadline } from '../src/model/describe.ts';
import { runCheck } from '../checks/run.ts';

const meetingsPage = (dist: string) => readFileSync(join(dist, 'policies/08-meetings/index.html'), 'utf8');
const fixture = join(repoRoot, 'checks/rules/deadline');
/** The fixture's meetings: id → the day it ended. */
const ended = new Map(
  readFileSync(join(fixture, 'meetings.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => [l.split(',')[0]!, l.match(/(\d{4}-\d{2}-\d{2}) \d{2}:\d{2},[^,]*,[^,]*$/)![1]!] as const),
);

describe('single source of truth', () => {
  it('a changed minutes deadline in the organisation config changes the findings and the policy page', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ssot-'));
    const config = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
    const shipped = config.deadlines['meeting-minutes'];
    const changed = { ...shipped, days: shipped.days === 1 ? 2 : 1 };
    config.deadlines['meeting-minutes'] = changed;
    const changedPath = join(base, 'organization.yaml');
    writeFileSync(changedPath, stringify(config));

    // The checker follows the file it is given: every minutes finding is due that many days after its meeting.
    const minutes = async (org: ReturnType<typeof loadOrganization>) =>
      [...(await runCheck({ recordsDir: fixture, asOf: '2026-12-05', since: '2026-11-01', org })).findings]
        .filter((f) => f.obligation === 'meeting-minutes')
        .map((f) => ({ subject: f.subject, due: f.due }));
    for (const [org, deadline] of [
      [loadOrganization(), shipped],
      [loadOrganization(changedPath), changed],
    ] as const) {
      const found = await minutes(org);
      expect(found.length).toBeGreaterThan(0);
      for (const f of found)
        expect(f.due, f.subject).toBe(
          isoDate(addToDate(parseIsoDate(ended.get(f.subject)!), deadline.months ?? 0, deadline.days)),
        );
    }
    expect(await minutes(loadOrganization(changedPath))).not.toEqual(await minutes(loadOrganization()));

    // The site: the shipped build states the shipped deadline; a build with the changed file states the new one.
    const sentence = (d: typeof shipped) => describeDeadline({ months: 0, ...d }, undefined, '会议结束', 'short');
    expect(meetingsPage(builtSite())).toContain(sentence(shipped));
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
    const html = meetingsPage(dist);
    expect(html).toContain(sentence(changed));
    expect(html).not.toContain(sentence(shipped));
  }, 120_000);
});
