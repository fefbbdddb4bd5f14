import { describe, expect, it } from 'vitest';
import { isContentFile, loadHandbookContent } from './integration.ts';

describe('handbook content', () => {
  it('the dev server reloads on a change to any content it publishes', () => {
    for (const file of [
      '/repo/content/docs/policies/08-meetings.mdx',
      '/repo/content/docs/guide.md',
      '/repo/content/organization.yaml',
      '/repo/content/processes/meeting.yaml',
      '/repo/content/forms/minutes.yml',
      'C:\\repo\\content\\processes\\meeting.yaml',
    ])
      expect(isContentFile(file), file).toBe(true);
    for (const file of ['/repo/content/i18n/zh-CN.json', '/repo/src/site/data.ts', '/repo/content/processes/a/b.yaml'])
      expect(isContentFile(file), file).toBe(false);
  });

  it('is loaded in one piece: processes name the policies and forms loaded with them', () => {
    const { org, policies, processes, forms } = loadHandbookContent();
    expect(org.departments.length).toBeGreaterThan(0);
    const formIds = new Set(forms.map((f) => f.id));
    const policyIds = new Set(policies.map((p) => p.policy.id));
    expect(processes.length).toBeGreaterThan(0);
    for (const p of processes) {
      expect(policyIds.has(p.policy), `${p.id} → ${p.policy}`).toBe(true);
      for (const step of p.steps)
        for (const doc of [...step.inputs, ...step.outputs])
          if (doc.startsWith('form:')) expect(formIds.has(doc.slice(5)), doc).toBe(true);
    }
    // Plain data: the virtual module hands it to page code as JSON.
    expect(JSON.parse(JSON.stringify(processes))).toEqual(processes);
  });
});
