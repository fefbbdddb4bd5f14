// Rule `policy-review`: every published policy must be reviewed within its review cycle. The
// evidence is the policy's own frontmatter (`review.last`), so a review that has not happened by
// the next review date is a finding against the owner department. A stale policy is stale
// whatever the window, so `--since` does not apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextReview } from '../../src/model/review.ts';
import { parseIsoDate } from '../../src/model/dates.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import { repoRoot } from '../../src/model/root.ts';
import { Verdicts, judge, ruleHelp, type CheckContext } from '../engine/context.ts';

export const id = 'policy-review';

/** The line of `last:` under `review:` in a policy file, for the finding's source. */
function reviewLine(file: string): number {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const at = lines.findIndex((l, i) => /^\s+last:/.test(l) && lines.slice(0, i).some((x) => /^review:/.test(x)));
  return at + 1 || 1;
}

export function checkPolicyReviews(ctx: CheckContext, policies: PolicyFile[]) {
  const verdicts = new Verdicts({ rule: id, obligation: id, title: '按评审周期评审制度', policy: '*', link: `${ctx.org.handbook.url}/`, help: ruleHelp(ctx, id) });
  for (const policy of policies) {
    if (policy.policy.status === 'draft' || policy.policy.status === 'retired') continue;
    const due = parseIsoDate(nextReview(policy.policy.review.last, policy.policy.review.cycle));
    const verdict = judge(ctx, due, null);
    verdicts.file(verdict, policy.policy.owner, policy.policy.id, due, { file: policy.file, line: reviewLine(policy.file) }, {
      policy: policy.policy.id,
      link: `${ctx.org.handbook.url}/${policy.slug}/`,
    });
  }
  return verdicts;
}
