// Every rule the engine knows. An obligation names its rule (`rule:` in its frontmatter); the
// schema module builds the obligation schema from the obligation rules' options.
import eventObligation from './event-obligation.ts';
import periodicObligation from './periodic-obligation.ts';
import policyReview from './policy-review.ts';

/** Rules an obligation can name. */
export const obligationRules = [periodicObligation, eventObligation] as const;

/** Rules that judge the policies themselves, once per check. */
export const policyRules = [policyReview] as const;

export const rules = [...obligationRules, ...policyRules] as const;
