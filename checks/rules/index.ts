// Every rule the engine knows. An obligation names its rule (`rule:` in its frontmatter); the
// schema module builds the obligation schema from the obligation rules' options.
import complete from './complete.ts';
import deadline from './deadline.ts';
import periodic from './periodic.ts';
import policyReview from './policy-review.ts';
import sequence from './sequence.ts';
import threshold from './threshold.ts';

/** Rules an obligation can name. */
export const obligationRules = [periodic, deadline, sequence, complete, threshold] as const;

/** Rules that judge the policies themselves, once per check. */
export const policyRules = [policyReview] as const;

export const rules = [...obligationRules, ...policyRules] as const;
