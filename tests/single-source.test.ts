// One source of truth: the minutes deadline is written once, in content/organization.yaml.
// Changing it there changes what the checker enforces AND the sentence on the meeting policy
// page, with no other edit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, inject, it } from 'vitest';
import { loadOrganization, repoRoot } from '../src/model/load.ts';
import { runCheck } from '../checks/run.ts';

const meetingsPage = (dist: string) => readFileSync(join(dist, 'policies/08-meetings/index.html'), 'utf8');
const fixture = join(repoRoot, 'checks/rules/deadline');

describe('single source of truth', () => {
  it('a changed minutes deadline in the organisation config changes the findings and the policy page', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ssot-'));
    const config = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
    expect(config.deadlines['meeting-minutes'].days).toBe(3);
    config.deadlines['meeting-minutes'].days = 1;
    const changedPath = join(base, 'organization.yaml');
    writeFileSync(changedPath, stringify(config));

    // The checker, given the changed file.
    const minutes = async (org: ReturnType<typeof loadOrganization>) =>
      (await runCheck({ recordsDir: fixture, asOf: '2026-12-05', since: '2026-11-01', org })).findings
        .filter((f) => f.obligation === 'meeting-minutes')
        .map((f) => `${f.subject} ${f.status} ${f.due}`);
    expect(await minutes(loadOrganization())).toEqual(['M-2 late 2026-11-05', 'M-3 missing 2026-11-06']);
    expect(await minutes(loadOrganization(changedPath))).toEqual([
      'M-4 missing 2026-12-04', 'M-1 late 2026-11-03', 'M-2 late 2026-11-03', 'M-3 missing 2026-11-04',
    ]);

    // The site: the shipped build says 3 days; a build with the changed file says 1 day.
    expect(meetingsPage(inject('distDir'))).toContain('会议结束后 3 个日历日内');
    const dist = join(base, 'dist');
    execFileSync('node', [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, HANDBOOK_OUT_DIR: dist, HANDBOOK_ORGANIZATION: changedPath, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const html = meetingsPage(dist);
    expect(html).toContain('会议结束后 1 个日历日内');
    expect(html).not.toContain('会议结束后 3 个日历日内');
  }, 120_000);
});
