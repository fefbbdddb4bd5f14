import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../src/model/load.ts';
import { policyTimeline } from '../src/model/versions.ts';
import { loadValidatedConfig } from './config-cache.ts';
import { obligationRules } from './rules/index.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'config-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('validated config cache', () => {
  it('gives what validating gives, from the cache the second time', async () => {
    const org = loadOrganization();
    const policies = loadPolicies(org, obligationRules);
    const fresh = { org, policies, timeline: policyTimeline(org, policies, obligationRules) };
    expect(await loadValidatedConfig(cacheDir)).toEqual(fresh);
    const [cached] = readdirSync(cacheDir);
    expect(cached).toMatch(/^config-[0-9a-f]{32}\.json$/);
    expect(await loadValidatedConfig(cacheDir)).toEqual(fresh);
  });

  it('validates again when the cached file is damaged', async () => {
    const [cached] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, cached!), '{"org": ');
    const org = loadOrganization();
    expect((await loadValidatedConfig(cacheDir)).org).toEqual(org);
  });

  it('keys the cache by the organisation config: another config is validated, not served stale', async () => {
    const other = join(cacheDir, 'org.yaml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      other,
      readFileSync(join(import.meta.dirname, '../content/organization.yaml'), 'utf8').replace(
        /^name: .*$/m,
        'name: 另一家公司',
      ),
    );
    process.env.HANDBOOK_ORGANIZATION = other;
    try {
      expect((await loadValidatedConfig(cacheDir)).org.name).toBe('另一家公司');
    } finally {
      delete process.env.HANDBOOK_ORGANIZATION;
    }
    expect((await loadValidatedConfig(cacheDir)).org.name).not.toBe('另一家公司');
  });

  it('says which file is missing when HANDBOOK_ORGANIZATION names none', async () => {
    process.env.HANDBOOK_ORGANIZATION = join(cacheDir, 'nowhere.yaml');
    try {
      await expect(loadValidatedConfig(cacheDir)).rejects.toThrow(/nowhere\.yaml: no such file.*HANDBOOK_ORGANIZATION/);
    } finally {
      delete process.env.HANDBOOK_ORGANIZATION;
    }
  });
});
