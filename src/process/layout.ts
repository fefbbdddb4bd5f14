// Swimlane layout of a process. ELK's layered algorithm (elkjs, no browser) orders the steps into
// columns and minimises crossings; ELK has no notion of swimlanes, so this module then places
// each step in its lane's horizontal band (stacking steps that share a column within a lane)
// and routes the connectors orthogonally between the placed boxes.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Organization, Process, Step } from '../schema/index.ts';
import { nextOf } from './validate.ts';

export interface PlacedNode {
  step: Step;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface PlacedLane {
  id: string;
  name: string;
  y: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  label?: string;
  points: { x: number; y: number }[];
}

export interface ProcessLayout {
  width: number;
  height: number;
  laneHeader: number;
  lanes: PlacedLane[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export const FONT = 14;
const LINE = 19;
const PAD_X = 12;
const PAD_Y = 10;
const LANE_HEADER = 96;
const LANE_PAD = 18;
const ROW_GAP = 22;
const MARGIN = 12;

/** Width of text at 14px: CJK and full-width characters take a full em, others about half. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uFFEF]/.test(ch) ? FONT : FONT * 0.58;
  return w;
}

/**
 * Breaks a label into lines of at most `max` pixels, balanced so that no line is left with a
 * character or two, and never starting a line with closing punctuation.
 */
export function wrap(text: string, max: number): string[] {
  const chars = [...text];
  const count = Math.max(1, Math.ceil(textWidth(text) / max));
  const target = textWidth(text) / count;
  const lines: string[] = [];
  let line = '';
  for (const ch of chars) {
    if (line && lines.length < count - 1 && textWidth(line + ch) > target + FONT / 2) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  for (let i = 1; i < lines.length; i++) {
    const m = /^[，。、；：？！）」』,.;:?!)]+/.exec(lines[i]!);
    if (m) {
      lines[i - 1] += m[0];
      lines[i] = lines[i]!.slice(m[0].length);
    }
  }
  return lines.filter(Boolean);
}

function size(step: Step) {
  const max = step.type === 'decision' ? 7 * FONT : 9 * FONT;
  const lines = wrap(step.label, max);
  const textW = Math.max(...lines.map(textWidth));
  const textH = lines.length * LINE;
  if (step.type === 'decision') {
    // A diamond holding the text box needs twice the text extent on each axis, less a margin.
    return { lines, width: Math.max(textW * 1.7 + PAD_X * 2, 120), height: Math.max(textH * 1.9 + PAD_Y * 2, 64) };
  }
  return { lines, width: Math.max(textW + PAD_X * 2, 88), height: textH + PAD_Y * 2 };
}

const elk = new ELK();

export function laneName(org: Organization, id: string): string {
  return org.departments.find((d) => d.id === id)?.name ?? org.roles.find((r) => r.id === id)?.name ?? id;
}

export async function layoutProcess(process: Process, org: Organization): Promise<ProcessLayout> {
  const sized = process.steps.map((step) => ({ step, ...size(step) }));
  const graph = await elk.layout({
    id: process.id,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Break cycles (退回修改 loops) along a depth-first walk in the order steps are written, so
      // the chart reads in the order of the definition and loops are the edges that go back.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: sized.map((s) => ({ id: s.step.id, width: s.width, height: s.height })),
    edges: process.steps.flatMap((s) =>
      nextOf(s).map((n, i) => ({ id: `${s.id}-${i}`, sources: [s.id], targets: [n.to] })),
    ),
  });
  const elkX = new Map(graph.children!.map((c) => [c.id, c.x ?? 0]));
  const elkY = new Map(graph.children!.map((c) => [c.id, c.y ?? 0]));

  // Within each lane, steps whose columns overlap are stacked in rows, in ELK's vertical order.
  const lanes: PlacedLane[] = [];
  const nodes: PlacedNode[] = [];
  let y = MARGIN;
  for (const lane of process.lanes) {
    const inLane = sized
      .filter((s) => s.step.lane === lane)
      .sort((a, b) => elkX.get(a.step.id)! - elkX.get(b.step.id)! || elkY.get(a.step.id)! - elkY.get(b.step.id)!);
    const rows: { right: number; height: number }[] = [];
    const slot = new Map<string, number>();
    for (const s of inLane) {
      const x = elkX.get(s.step.id)!;
      let r = rows.findIndex((row) => row.right + 16 <= x);
      if (r === -1) r = rows.push({ right: 0, height: 0 }) - 1;
      rows[r]!.right = x + s.width;
      rows[r]!.height = Math.max(rows[r]!.height, s.height);
      slot.set(s.step.id, r);
    }
    const rowTops: number[] = [];
    let inner = LANE_PAD;
    for (const row of rows) {
      rowTops.push(inner);
      inner += row.height + ROW_GAP;
    }
    const height = Math.max(inner - ROW_GAP + LANE_PAD, 72);
    for (const s of inLane) {
      const r = slot.get(s.step.id)!;
      const rowH = rows[r]!.height;
      nodes.push({
        step: s.step,
        lines: s.lines,
        width: s.width,
        height: s.height,
        x: LANE_HEADER + MARGIN + 16 + elkX.get(s.step.id)!,
        y: y + rowTops[r]! + (rowH - s.height) / 2,
      });
    }
    lanes.push({ id: lane, name: laneName(org, lane), y, height });
    y += height;
  }
  const width = Math.max(...nodes.map((n) => n.x + n.width)) + MARGIN + 16;
  const height = y + MARGIN;

  // Connectors: forward edges leave a box on the right and enter the next on the left; an edge
  // going back (or to a box in the same column) leaves below and runs under both boxes.
  const byId = new Map(nodes.map((n) => [n.step.id, n]));
  const edges: PlacedEdge[] = [];
  let back = 0;
  for (const s of process.steps) {
    for (const [branch, { to, label }] of nextOf(s).entries()) {
      const a = byId.get(s.id)!;
      const b = byId.get(to)!;
      const ay = a.y + a.height / 2;
      const by = b.y + b.height / 2;
      const forward = b.x >= a.x + a.width + 8;
      let points: { x: number; y: number }[];
      if (s.type === 'decision' && branch > 0) {
        // A decision's second (third) branch leaves from the bottom (top) so labels never collide.
        // Leave towards the target's side: up when it sits above the diamond, down when below;
        // a target level with the diamond is reached by a detour underneath.
        const above = by < a.y;
        const below = by > a.y + a.height;
        const down = forward ? !above : branch === 1;
        const ax = a.x + a.width / 2;
        const ey = down ? a.y + a.height : a.y;
        if (forward && (above || below))
          points = [
            { x: ax, y: ey },
            { x: ax, y: by },
            { x: b.x, y: by },
          ];
        else if (forward) {
          const under = Math.max(a.y + a.height, b.y + b.height) + 12 + (back++ % 3) * 5;
          points = [
            { x: ax, y: ey },
            { x: ax, y: under },
            { x: b.x - 14, y: under },
            { x: b.x - 14, y: by },
            { x: b.x, y: by },
          ];
        } else {
          const out = down
            ? Math.max(a.y + a.height, b.y + b.height) + 12 + (back++ % 3) * 5
            : Math.min(a.y, b.y) - 12 - (back++ % 3) * 5;
          const bx = b.x + b.width / 2 - 8;
          points = [
            { x: ax, y: ey },
            { x: ax, y: out },
            { x: bx, y: out },
            { x: bx, y: down ? b.y + b.height : b.y },
          ];
        }
      } else if (forward) {
        const mid = a.x + a.width + Math.min(28, (b.x - a.x - a.width) / 2);
        points =
          ay === by
            ? [
                { x: a.x + a.width, y: ay },
                { x: b.x, y: by },
              ]
            : [
                { x: a.x + a.width, y: ay },
                { x: mid, y: ay },
                { x: mid, y: by },
                { x: b.x, y: by },
              ];
      } else {
        const under = Math.max(a.y + a.height, b.y + b.height) + 10 + (back++ % 3) * 5;
        const ax = a.x + a.width / 2 + 8;
        const bx = b.x + b.width / 2 - 8;
        points = [
          { x: ax, y: a.y + a.height },
          { x: ax, y: under },
          { x: bx, y: under },
          { x: bx, y: b.y + b.height },
        ];
      }
      edges.push({ from: s.id, to, ...(label ? { label } : {}), points });
    }
  }
  const top = Math.min(0, ...edges.flatMap((e) => e.points.map((p) => p.y - MARGIN)));
  if (top < 0) {
    // An edge routed above the first lane: move everything down to make room.
    for (const n of nodes) n.y -= top;
    for (const l of lanes) l.y -= top;
    for (const e of edges) for (const p of e.points) p.y -= top;
  }
  const bottom = Math.max(height - top, ...edges.flatMap((e) => e.points.map((p) => p.y + MARGIN)));
  for (const l of lanes.slice(-1)) l.height = Math.max(l.height, bottom - MARGIN - l.y);
  return { width, height: bottom, laneHeader: LANE_HEADER, lanes, nodes, edges };
}
