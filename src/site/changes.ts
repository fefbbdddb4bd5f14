// The policies' changes for the site: every `changes` entry of the published policies, newest
// first, and for each version after the first, what changed in its text (src/model/history.ts).
import { blobs, policyHistory } from '../model/history.ts';
import { readFrontmatter } from '../model/load.ts';
import { compareVersions } from '../model/semver.ts';
import { repoRoot } from '../model/root.ts';
import { type VersionDiff, versionDiff } from '../model/version-diff.ts';
import { org, publishedPolicies } from './data.ts';
import { processes } from './processes.ts';

export interface ChangeEntry {
  policyId: string;
  title: string;
  slug: string;
  version: string;
  date: string;
  summary: string;
  approvedBy: string;
  /** YYYY-MM-DD: the day this version takes effect, as its own frontmatter said; absent without history. */
  effective?: string;
  /** The version before it, when there is one. */
  previous?: string;
  /** YYYY-MM-DD: the day the version before it took effect, when known. */
  previousEffective?: string;
  /** Address of the page showing what changed, when the build has the history. */
  href?: string;
  /** A proposal: the newest version of a page still in review, approved by no one and in force on no day yet. */
  pending?: true;
}

export const historyAvailable =
  publishedPolicies.length === 0 || publishedPolicies.some(({ file }) => policyHistory(file).available);

export const changes: ChangeEntry[] = publishedPolicies
  .flatMap(({ slug, file, policy }) => {
    const history = policyHistory(file);
    const known = new Set(history.available ? history.versions.map((v) => v.version) : []);
    // Each version's effective date as its own commit wrote it; the current one as the page says now.
    const effective = new Map<string, string>();
    if (history.available)
      for (const v of history.versions) {
        const day = effectiveOf(v.text);
        if (day) effective.set(v.version, day);
      }
    effective.set(policy.version, policy.effective);
    return policy.changes.map((c, i) => {
      const previous = policy.changes[i + 1]?.version;
      const href =
        previous && known.has(previous) && known.has(c.version)
          ? `/changes/${policy.id.toLowerCase()}/${c.version}/`
          : undefined;
      const pending = i === 0 && policy.status !== 'approved';
      return {
        policyId: policy.id,
        title: policy.title,
        slug,
        ...c,
        ...(pending ? { pending: true as const } : {}),
        ...(effective.has(c.version) && !pending ? { effective: effective.get(c.version) } : {}),
        ...(previous ? { previous } : {}),
        ...(previous && effective.has(previous) ? { previousEffective: effective.get(previous) } : {}),
        ...(href ? { href } : {}),
      };
    });
  })
  .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.policyId < b.policyId ? -1 : 1));

/** The `effective` day a page's frontmatter gives, as YYYY-MM-DD (YAML may read it as a date). */
function effectiveOf(text: string): string | undefined {
  const value = (readFrontmatter(text) as { effective?: unknown } | undefined)?.effective;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/**
 * When the current version of a policy takes effect after `day` (YYYY-MM-DD): that version, and the
 * one in force on `day` (the earlier version whose effective day came last), when its day is known.
 * Undefined while the current version is in force.
 */
export function laterVersion(
  policyId: string,
  version: string,
  day: string,
): { inForce?: ChangeEntry; current: ChangeEntry } | undefined {
  const entries = changes.filter((c) => c.policyId === policyId);
  const current = entries.find((c) => c.version === version);
  if (!current?.effective || current.effective <= day) return undefined;
  // The newest version whose day has come: a later version ends an earlier one once it takes effect,
  // whichever took effect first (src/model/timeline.ts), so two of one day go to the later.
  const inForce = entries
    .filter((c) => c !== current && c.effective !== undefined && c.effective <= day)
    .sort((a, b) => compareVersions(b.version, a.version))[0];
  return { current, ...(inForce ? { inForce } : {}) };
}

/**
 * What a change that has a page changed: each version's text rendered with the organisation config
 * of its own commit, side by side, and the config values and obligations that differ.
 */
export function diffOf(entry: ChangeEntry): VersionDiff | undefined {
  const key = `${entry.policyId}\0${entry.version}`;
  if (!diffs.has(key)) diffs.set(key, computeDiff(entry));
  return diffs.get(key);
}
/** Each change's diff, made once for the build: 修订动态 and the change's own page both read it. */
const diffs = new Map<string, VersionDiff | undefined>();

/**
 * Whether a version leaves the policy's words as they were: its text and the values the text
 * states are those of the version before (a correction of how the checker reads the words, or of
 * a note). Undefined without the history.
 */
export function wordsUnchanged(entry: ChangeEntry): boolean | undefined {
  const diff = entry.href ? diffOf(entry) : undefined;
  return diff && diff.rows.length === 0 && diff.params.length === 0;
}

function computeDiff(entry: ChangeEntry): VersionDiff | undefined {
  const policy = publishedPolicies.find((p) => p.policy.id === entry.policyId)!;
  const history = policyHistory(policy.file);
  if (!history.available || !entry.previous) return undefined;
  const side = (version: string) => {
    const v = history.versions.find((x) => x.version === version)!;
    return { text: v.text, config: configsOfChanges().get(v.commit), source: `${policy.file}@${v.commit.slice(0, 8)}` };
  };
  return versionDiff(side(entry.previous), side(entry.version), org, {
    processTitle: (id) => processes.find((p) => p.id === id)?.title,
  });
}

let configs: Map<string, string | undefined> | undefined;
/**
 * content/organization.yaml at the commit of every version a change page shows, read once for the
 * whole build (one `git cat-file --batch`), not once per page and side.
 */
function configsOfChanges(): Map<string, string | undefined> {
  if (configs) return configs;
  const commits = new Set<string>();
  for (const { policy, file } of publishedPolicies) {
    const history = policyHistory(file);
    if (history.available)
      for (const c of changes.filter((c) => c.href && c.policyId === policy.id))
        for (const v of history.versions)
          if (v.version === c.version || v.version === c.previous) commits.add(v.commit);
  }
  const texts = blobs(
    repoRoot,
    [...commits].map((c) => `${c}:content/organization.yaml`),
  );
  configs = new Map([...commits].map((c) => [c, texts.get(`${c}:content/organization.yaml`)]));
  return configs;
}

/** Changes on one page of 修订动态 (/changes/, /changes/2/…). */
export const CHANGES_PAGE = 200;

const hrefs = new Map(changes.map((c) => [`${c.policyId}\0${c.version}`, c.href]));

/** The day a version of a policy takes effect, when the build knows it. */
/**
 * What a version changed, in the policy's words, from its diff (not from the summary its author
 * wrote): "会议纪要提交截止由 3 个日历日改为 5 个日历日", "新增要求：…". Empty without the history.
 */
export function changeFacts(entry: ChangeEntry): string[] {
  const diff = entry.href ? diffOf(entry) : undefined;
  if (!diff) return [];
  return [
    // A deadline renamed with its value unchanged is no change of what the policy asks.
    ...diff.params.filter((p) => !p.renamed).map((p) => `${p.label}由${p.before}改为${p.after}`),
    ...diff.obligations.added.map((t) => `新增要求：${t}`),
    ...diff.obligations.removed.map((t) => `删去要求：${t}`),
  ];
}

/** Whether a version of a policy left its words as they were (see wordsUnchanged). */
export function correctionOnly(policyId: string, version: string): boolean | undefined {
  const entry = changes.find((c) => c.policyId === policyId && c.version === version);
  return entry ? wordsUnchanged(entry) : undefined;
}

export function effectiveOfVersion(policyId: string, version: string): string | undefined {
  return changes.find((c) => c.policyId === policyId && c.version === version)?.effective;
}

/** Where the change to `version` of a policy is shown, if the build has its history. */
export function changeHref(policyId: string, version: string): string | undefined {
  return hrefs.get(`${policyId}\0${version}`);
}
