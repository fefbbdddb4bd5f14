// What the pages say about acknowledging a policy: whether its current version is a material
// change staff must confirm they have read, and how soon (the deadline of the obligation that asks
// for it, read from the organisation config like every other deadline).
import type { Report } from '../../checks/engine/types.ts';
import { needsAcknowledging } from '../../checks/rules/acknowledged.ts';
import { describeDeadline } from '../model/describe.ts';
import type { PolicyFile } from '../model/load.ts';
import { org, policies } from './data.ts';

/** The obligation that asks for acknowledgements, and the policy it belongs to; none if the handbook has none. */
export const acknowledgementObligation = policies
  .flatMap((p) => p.policy.obligations.map((ob) => ({ policy: p, ob })))
  .find(({ ob }) => ob.rule === 'acknowledged');

/** "修订生效后 14 个日历日内", or nothing when the handbook asks for no acknowledgements. */
export const acknowledgementWindow = (() => {
  const key = (acknowledgementObligation?.ob as { due?: { deadline?: string } } | undefined)?.due?.deadline;
  const deadline = key ? org.deadlines[key] : undefined;
  return deadline ? describeDeadline(deadline, undefined, '修订生效', 'short') : undefined;
})();

/** Whether staff must acknowledge this policy's current version (and the handbook checks it). */
export const mustAcknowledge = (policy: PolicyFile['policy']): boolean =>
  acknowledgementObligation !== undefined && needsAcknowledging(policy);

/** How far a department's staff have acknowledged the material versions, from a report. */
export interface AcknowledgementShare {
  /** Acknowledgements asked for in the report's window: one per employee and material version. */
  required: number;
  /** Given, on time or late. */
  acknowledged: number;
  /** Not yet given, and not yet due. */
  pending: number;
  /** Not given by the due day. */
  overdue: number;
}

export function acknowledgementShare(report: Report, department: string): AcknowledgementShare | undefined {
  if (!acknowledgementObligation) return undefined;
  const { policy, ob } = acknowledgementObligation;
  const summary = report.summary.obligations.find((o) => o.policy === policy.policy.id && o.obligation === ob.id);
  const counts = summary?.departments[department];
  if (summary?.checked !== true || !counts) return undefined;
  const mine = report.findings.filter(
    (f) => f.department === department && f.policy === policy.policy.id && f.obligation === ob.id,
  );
  const late = mine.filter((f) => f.status === 'late').length;
  const pending = counts.pending ?? 0;
  return {
    required: counts.evaluated + pending,
    acknowledged: counts.met + late,
    pending,
    overdue: mine.filter((f) => f.status === 'missing').length,
  };
}
