// The versions of the policies over time, as data: which version of each policy was in force when.
// src/model/versions.ts reads them from the repository's history; this module holds what the
// checker needs without the schema (it loads no zod).
import type { Organization } from '../schema/organization.ts';
import type { PolicyFile } from './load.ts';

export interface PolicyVersion {
  /** Policy id, e.g. `OPS-08`. */
  id: string;
  version: string;
  /** YYYY-MM-DD: the day it takes effect. */
  effective: string;
  /**
   * YYYY-MM-DD: the day a later version took effect (exclusive); absent while it is in force. A
   * version with `until` on or before `effective` was never in force (a later version took effect
   * no later than it did) and is not read.
   */
  until?: string;
  /** The commit it was last committed at; null for the working tree (the current version). */
  commit: string | null;
  /** The policy and organisation config of that version; absent for one never in force or unreadable. */
  policy?: PolicyFile;
  org?: Organization;
  /** Why this checker cannot read that version (its frontmatter no longer validates): said in every run it concerns. */
  problem?: string;
  /** The page's text after its frontmatter, where the history was read: tells a correction from a change. */
  body?: string;
}

export type Timeline =
  | { source: 'history'; versions: PolicyVersion[] }
  /** Only the current versions: the clone is shallow, the folder is not in git, or the caller gave the policies. */
  | { source: 'current'; reason: 'shallow' | 'no-git' | 'given'; versions: PolicyVersion[] };

export const current = (org: Organization, policies: PolicyFile[]): PolicyVersion[] =>
  policies.map((p) => ({
    id: p.policy.id,
    version: p.policy.version,
    effective: p.policy.effective,
    commit: null,
    policy: p,
    org,
  }));

/** The timeline of policies given by the caller (tests, fixtures): the versions given, and no history. */
export function currentTimeline(org: Organization, policies: PolicyFile[]): Timeline {
  return { source: 'current', reason: 'given', versions: withUntil(current(org, policies)) };
}

/** Sets `until` on each policy's versions, listed oldest first. */
export function withUntil(versions: PolicyVersion[]): PolicyVersion[] {
  const byId = Map.groupBy(versions, (v) => v.id);
  for (const list of byId.values()) {
    let next: string | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i]!;
      if (next !== undefined) v.until = next;
      // A later version taking effect earlier than this one still ends it when it takes effect.
      next = next === undefined || v.effective < next ? v.effective : next;
    }
  }
  return versions;
}

export const inForceAtAll = (v: PolicyVersion) => v.until === undefined || v.until > v.effective;
