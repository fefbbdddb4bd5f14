// Which version of each policy was in force when: the timeline the checker judges records by. A
// process owner changes a deadline by editing the value, raising the version and setting the date
// it takes effect (the content lint asks for all three); the repository's history keeps every
// earlier version with the organisation config it was committed with. A record is then judged by
// the version in force on its due date (checks/engine/versions.ts), and a policy imposes nothing
// before its first `effective` date.
//
// The history is git's (src/model/history.ts reads it): each version of a page as last committed
// at that version, and content/organization.yaml from the same commit. The working tree's version
// is the newest. A shallow clone or a folder outside git has no history: the timeline is then the
// current versions alone, and says so, so a run can warn that it judged every record by them.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  OrganizationSchema,
  parseWithFriendlyErrors,
  policySchema,
  type ObligationRuleSpec,
  type Organization,
} from '../schema/index.ts';
import { blobs, policyHistory } from './history.ts';
import { pageBody, type PolicyFile, readFrontmatter } from './load.ts';
import { repoRoot } from './root.ts';
import { current, inForceAtAll, type PolicyVersion, type Timeline, withUntil } from './timeline.ts';

export type { PolicyVersion, Timeline };

/**
 * The versions of the current policies over the repository's history, oldest first per policy,
 * the working tree's last. `org` and `policies` are the current, validated ones.
 */
export function policyTimeline(
  org: Organization,
  policies: PolicyFile[],
  rules: readonly ObligationRuleSpec[],
  root = repoRoot,
): Timeline {
  const now = current(org, policies);
  const versions: PolicyVersion[] = [];
  const texts = new Map<PolicyVersion, { file: PolicyFile; text: string }>();
  for (const [i, file] of policies.entries()) {
    const history = policyHistory(relative(root, join(repoRoot, file.file)), root);
    if (!history.available)
      return { source: 'current', reason: history.reason as 'shallow' | 'no-git', versions: withUntil(now) };
    for (const { version, commit, text } of history.versions) {
      if (version === file.policy.version) continue; // the working tree's text of it stands
      let fm: Record<string, unknown> | undefined;
      try {
        fm = readFrontmatter(text) as typeof fm;
      } catch {
        fm = undefined;
      }
      const effective = fm?.effective instanceof Date ? fm.effective.toISOString().slice(0, 10) : String(fm?.effective);
      const v: PolicyVersion = { id: file.policy.id, version, effective, commit, body: pageBody(text).body };
      if (!fm || !/^\d{4}-\d{2}-\d{2}$/.test(effective))
        v.problem = 'its frontmatter has no effective date as YYYY-MM-DD';
      versions.push(v);
      texts.set(v, { file, text });
    }
    now[i]!.body = pageBody(readFileSync(join(repoRoot, file.file), 'utf8')).body;
    versions.push(now[i]!);
  }
  withUntil(versions);
  // Only versions that were ever in force are read, each with the organisation config of its commit.
  const old = versions.filter((v) => v.commit !== null && !v.problem && inForceAtAll(v));
  const configs = blobs(
    root,
    old.map((v) => `${v.commit}:content/organization.yaml`),
  );
  for (const v of old) {
    const at = v.commit!.slice(0, 8);
    const { file, text } = texts.get(v)!;
    try {
      const orgText = configs.get(`${v.commit}:content/organization.yaml`);
      if (orgText === undefined) throw new Error(`content/organization.yaml is not in commit ${at}`);
      const orgThen = parseWithFriendlyErrors(
        OrganizationSchema,
        parseYaml(orgText),
        `content/organization.yaml@${at}`,
      );
      // Starlight's own presentation fields are allowed on policy pages (as in loadPolicyFile).
      const {
        description: _d,
        sidebar: _s,
        banner: _b,
        tableOfContents: _t,
        pagefind: _p,
        draft: _dr,
        ...own
      } = readFrontmatter(text) as Record<string, unknown>;
      v.policy = { ...file, policy: parseWithFriendlyErrors(policySchema(orgThen, rules), own, `${file.file}@${at}`) };
      v.org = orgThen;
    } catch (error) {
      v.problem = (error as Error).message;
    }
  }
  return { source: 'history', versions };
}
