import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../model/load.ts';
import { loadForms, loadProcessFile, loadProcesses } from './load.ts';
import { layoutProcess, type ProcessLayout } from './layout.ts';
import { renderProcessSvg } from './render-svg.ts';
import { obligationRules } from '../../checks/rules/index.ts';
import { testPolicy } from '../../checks/rules/fixture.ts';

const org = loadOrganization();
const policies = loadPolicies(org, obligationRules);
const forms = loadForms();
const fixture = (name: string) => () =>
  loadProcessFile(
    join(import.meta.dirname, 'fixtures', `${name}.yaml`),
    org,
    policies,
    forms.map((f) => f.id),
  );

describe('process definitions: schema and graph validation', () => {
  it('rejects a transition to an unknown step, naming file and step', () => {
    expect(fixture('unknown-step')).toThrow(
      'src/process/fixtures/unknown-step.yaml: steps.work: goes to unknown step "finsh", expected one of start, work, finish',
    );
  });
  it('rejects a lane that is not a department or role', () => {
    expect(fixture('bad-lane')).toThrow('lane "purchasing" is not a department or role in content/organization.yaml');
  });
  it('rejects an unreachable step', () => {
    expect(fixture('unreachable')).toThrow('steps.orphan: is unreachable from the start step; connect it or remove it');
  });
  it('rejects a decision with fewer than two branches', () => {
    expect(fixture('one-branch')).toThrow('steps.check: a decision needs at least two labelled branches');
  });
  it('rejects a branch without a label (schema)', () => {
    expect(fixture('unlabelled-branch')).toThrow(/unlabelled-branch.yaml: steps.1.branches.0.label: required/);
  });
  it('rejects a step carrying an obligation in a lane that does not carry it: chart and checker name one actor', () => {
    // The test's own policy: finance carries the adjustment's content; the chart gives it to operations too.
    const own = testPolicy(
      org,
      [
        {
          id: 'adjustment-content',
          records: 'plan_adjustments',
          rule: 'complete',
          require: ['reason'],
          who: { department: 'finance' },
        },
      ],
      '2026-01-01',
    );
    const load = () =>
      loadProcessFile(
        join(import.meta.dirname, 'fixtures', 'carrier-lane.yaml'),
        org,
        [own],
        forms.map((f) => f.id),
      );
    expect(load).toThrow('steps.review: carries obligation "adjustment-content", which the policy gives to finance');
    expect(load).not.toThrow('steps.request');
  });
  it('rejects a step with no path to an end', () => {
    const run = fixture('no-end-path');
    expect(run).toThrow('steps.loop: has no path to an end step');
    expect(run).toThrow('steps.again: has no path to an end step');
  });
});

const shipped = loadProcesses(org, policies, undefined, forms);
const layouts = await Promise.all(shipped.map(async (p) => [p, await layoutProcess(p, org)] as const));

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBoundary = (p: { x: number; y: number }, n: ProcessLayout['nodes'][number]) => {
  const eps = 0.5;
  const inX = p.x >= n.x - eps && p.x <= n.x + n.width + eps;
  const inY = p.y >= n.y - eps && p.y <= n.y + n.height + eps;
  const onEdge =
    Math.abs(p.x - n.x) < eps ||
    Math.abs(p.x - n.x - n.width) < eps ||
    Math.abs(p.y - n.y) < eps ||
    Math.abs(p.y - n.y - n.height) < eps;
  return inX && inY && onEdge;
};

describe('layout invariants on every shipped process', () => {
  it('ships a process for each procedure of the seed', () => {
    expect(shipped.map((p) => p.id).sort()).toEqual([
      'annual-planning',
      'document-borrowing',
      'document-publication',
      'meeting-lifecycle',
      'monthly-planning',
      'performance-evaluation',
      'plan-adjustment',
      'process-optimization',
      'quarterly-planning',
      'risk-management',
    ]);
  });

  it.each(layouts.map(([p, l]) => [p.id, l] as const))(
    '%s: no overlaps, nodes inside their lanes, edges joining their nodes',
    (_, layout) => {
      const { nodes, lanes, edges } = layout;
      for (const [i, a] of nodes.entries())
        for (const b of nodes.slice(i + 1)) expect(overlap(a, b), `${a.step.id} overlaps ${b.step.id}`).toBe(false);
      for (const n of nodes) {
        const lane = lanes.find((l) => l.id === n.step.lane)!;
        expect(n.y, n.step.id).toBeGreaterThanOrEqual(lane.y);
        expect(n.y + n.height, n.step.id).toBeLessThanOrEqual(lane.y + lane.height);
        expect(n.x).toBeGreaterThanOrEqual(layout.laneHeader);
        expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      }
      const byId = new Map(nodes.map((n) => [n.step.id, n]));
      for (const e of edges) {
        expect(onBoundary(e.points[0]!, byId.get(e.from)!), `${e.from}→${e.to} start`).toBe(true);
        expect(onBoundary(e.points.at(-1)!, byId.get(e.to)!), `${e.from}→${e.to} end`).toBe(true);
        for (const p of e.points) expect(p.y).toBeLessThanOrEqual(layout.height);
      }
    },
  );

  it.each(layouts.map(([p, l]) => [p.id, p, l] as const))(
    '%s: the SVG has every step label as real text, a title and a description',
    (_, process, layout) => {
      const svg = renderProcessSvg(process, layout);
      expect(svg).toContain(`<title id="flow-${process.id}-title">${process.title}</title>`);
      expect(svg).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
      const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join('');
      for (const step of process.steps)
        expect(text).toContain(
          step.label.replace(
            /[&<>"']/g,
            (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
          ),
        );
    },
  );
});
