// Graph checks on a process definition, beyond its schema: every transition goes to a step that
// exists, lanes are departments or roles, every step is reachable from the start and can reach
// an end, decisions have two or more labelled branches, and referenced obligations, deadlines,
// policies and forms exist. Problems name the file and the step, and say what to do.
import { carrierOf, stepCarriers } from '../model/carrier.ts';
import type { Obligation, Organization, Policy, Process, Step } from '../schema/index.ts';

export interface ProcessProblem {
  step?: string;
  message: string;
}

export function nextOf(step: Step): { to: string; label?: string }[] {
  if (step.type === 'decision') return step.branches.map((b) => ({ to: b.to, label: b.label }));
  if (step.type === 'end') return [];
  return (Array.isArray(step.next) ? step.next : [step.next]).map((to) => ({ to }));
}

/** The lanes that carry an obligation: its department or role (`departments` for every department), and its steps' departments. */
function carrierLanes(ob: Obligation): string[] {
  const carrier = carrierOf(ob);
  const own =
    carrier.kind === 'every' ? 'departments' : carrier.kind === 'department' ? carrier.department : carrier.role;
  return [own, ...stepCarriers(ob as Parameters<typeof stepCarriers>[0])];
}

export interface ValidationContext {
  org: Organization;
  policies: { policy: Policy }[];
  formIds: string[];
}

export function validateProcess(process: Process, ctx: ValidationContext): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const ids = new Map<string, Step>();
  for (const step of process.steps) {
    if (ids.has(step.id))
      problems.push({ step: step.id, message: `step id "${step.id}" is used twice; give each step its own id` });
    ids.set(step.id, step);
  }
  const laneIds = [...ctx.org.departments.map((d) => d.id), ...ctx.org.roles.map((r) => r.id)];
  for (const lane of process.lanes)
    if (!laneIds.includes(lane))
      problems.push({
        message: `lane "${lane}" is not a department or role in content/organization.yaml, expected one of ${laneIds.join(', ')}`,
      });
  const policy = ctx.policies.find((p) => p.policy.id === process.policy);
  if (!policy) problems.push({ message: `policy "${process.policy}" does not exist` });

  for (const step of process.steps) {
    if (!process.lanes.includes(step.lane))
      problems.push({
        step: step.id,
        message: `lane "${step.lane}" is not one of this process's lanes (${process.lanes.join(', ')}); add it to lanes or move the step`,
      });
    for (const { to } of nextOf(step))
      if (!ids.has(to))
        problems.push({
          step: step.id,
          message: `goes to unknown step "${to}", expected one of ${[...ids.keys()].join(', ')}`,
        });
    if (step.type === 'decision') {
      if (step.branches.length < 2)
        problems.push({ step: step.id, message: 'a decision needs at least two labelled branches (e.g. 通过 / 退回)' });
      const labels = step.branches.map((b) => b.label);
      if (new Set(labels).size !== labels.length)
        problems.push({ step: step.id, message: 'two branches of this decision have the same label' });
    }
    if (step.deadline && 'obligation' in step.deadline) {
      const id = step.deadline.obligation;
      const ob = ctx.policies.flatMap((p) => p.policy.obligations).find((o) => o.id === id);
      if (!ob) problems.push({ step: step.id, message: `deadline names obligation "${id}", which no policy declares` });
      else {
        // The chart and the checker name the same actor: the step carrying an obligation is in the
        // lane of whoever carries it (its department or role, or a department a step is given to).
        const lanes = carrierLanes(ob);
        if (!lanes.includes(step.lane))
          problems.push({
            step: step.id,
            message: `carries obligation "${id}", which the policy gives to ${lanes.join(', ')}; the step is in lane "${step.lane}": move it to that lane, or correct the obligation's who`,
          });
      }
    }
    if (step.deadline && 'deadline' in step.deadline && !ctx.org.deadlines[step.deadline.deadline])
      problems.push({
        step: step.id,
        message: `deadline "${step.deadline.deadline}" is not in content/organization.yaml, expected one of ${Object.keys(ctx.org.deadlines).join(', ')}`,
      });
    if (step.article) {
      const pid = step.article.split('#')[0];
      if (!ctx.policies.some((p) => p.policy.id === pid))
        problems.push({ step: step.id, message: `article names policy "${pid}", which does not exist` });
    }
    for (const doc of [...step.inputs, ...step.outputs])
      if (doc.startsWith('form:') && !ctx.formIds.includes(doc.slice(5)))
        problems.push({
          step: step.id,
          message: `names form "${doc.slice(5)}", which is not in content/forms (expected one of ${ctx.formIds.join(', ')})`,
        });
  }

  const starts = process.steps.filter((s) => s.type === 'start');
  if (starts.length !== 1) problems.push({ message: `a process needs exactly one start step, found ${starts.length}` });
  if (!process.steps.some((s) => s.type === 'end')) problems.push({ message: 'a process needs at least one end step' });
  if (problems.length) return problems;

  // Reachable from the start …
  const reached = new Set<string>();
  const walk = (id: string) => {
    if (reached.has(id)) return;
    reached.add(id);
    for (const { to } of nextOf(ids.get(id)!)) walk(to);
  };
  walk(starts[0]!.id);
  for (const step of process.steps)
    if (!reached.has(step.id))
      problems.push({ step: step.id, message: 'is unreachable from the start step; connect it or remove it' });
  // … and able to reach an end.
  const toEnd = new Set(process.steps.filter((s) => s.type === 'end').map((s) => s.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of process.steps)
      if (!toEnd.has(step.id) && nextOf(step).some(({ to }) => toEnd.has(to))) {
        toEnd.add(step.id);
        changed = true;
      }
  }
  for (const step of process.steps)
    if (!toEnd.has(step.id))
      problems.push({ step: step.id, message: 'has no path to an end step; add a transition that leads to one' });
  return problems;
}
