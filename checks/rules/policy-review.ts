// Rule `policy-review`: every published policy must be reviewed within its review cycle. The
// evidence is the policy's own frontmatter (`review.last`), so a review that has not happened by
// the next review date is a finding against the owner department. A stale policy is stale
// whatever the window, so `--since` does not apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextReview } from '../../src/model/review.ts';
import { compareDates, parseIsoDate } from '../../src/model/dates.ts';
import { repoRoot } from '../../src/model/root.ts';
import { defineRule, dueStatuses } from '../engine/rule.ts';

/** The line of `last:` under `review:` in a policy file, for the finding's source. */
function reviewLine(file: string): number {
  let lines: string[];
  try {
    lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  } catch {
    return 1;
  }
  const at = lines.findIndex((l, i) => /^\s+last:/.test(l) && lines.slice(0, i).some((x) => /^review:/.test(x)));
  return at + 1 || 1;
}

export default defineRule({
  id: 'policy-review',
  kind: 'policies',
  title: '按评审周期评审制度（公司设定）',
  docs: '这是本手册自身的维护规则（公司设定），不出自制度条文。每项现行的制度（状态为 approved 且已生效）都要在 `review.last` 加上 `review.cycle` 所得的日期之前再次评审；逾期未评审的制度记在其归口部门名下。它读制度页的 frontmatter，不读导出记录，也不受 `--since` 限制。',
  example: {
    obligation: `# 制度页的 frontmatter，无需写 obligations：
review:
  cycle: annual
  last: 2025-06-30`,
    finding:
      '缺失 OPS-05 按评审周期评审制度 · OPS-05 · 截止 2026-06-30 · 未见记录，已逾期 147 天 content/docs/policies/05-risk.mdx:14',
  },
  statuses: {
    missing: {
      ...dueStatuses.missing,
      means: '下次评审日期已过，制度页上的“上次评审”日期仍未更新',
      todo: '归口部门评审本制度；评审后在制度页的修订请求中更新“上次评审”日期',
    },
  },
  describe: () => '每项现行制度在上次评审日期加评审周期之前再次评审（手册维护规则，公司设定，不是制度条文）',
  *finish(ctx) {
    for (const policy of ctx.policies) {
      // Only a page in force is held to its review: not a proposal in review, not a version that
      // takes effect after the check day (a department cannot review what is not yet its rule).
      if (policy.policy.status !== 'approved') continue;
      if (compareDates(parseIsoDate(policy.policy.effective), ctx.asOf) > 0) continue;
      const date = parseIsoDate(nextReview(policy.policy.review.last, policy.policy.review.cycle));
      yield {
        department: policy.policy.owner,
        due: { ...ctx.dueOn(date), inWindow: true },
        evidence: null,
        subject: policy.policy.id,
        source: { file: policy.file, line: reviewLine(policy.file) },
        policy: { id: policy.policy.id, link: ctx.policyLink(policy) },
      };
    }
  },
});
