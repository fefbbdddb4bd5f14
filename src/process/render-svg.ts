// A laid-out process → an inline SVG string. Pure. Text is real <text> (selectable, searchable,
// read by Pagefind), colours are Starlight's CSS custom properties (so the chart follows the
// light and dark themes, with fallbacks for a standalone file), and the chart carries a title
// and a description for screen readers.
import type { Process } from '../schema/index.ts';
import { FONT, type ProcessLayout } from './layout.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const r = (n: number) => Math.round(n * 10) / 10;

export function describeProcess(process: Process, layout: ProcessLayout): string {
  const lane = (id: string) => layout.lanes.find((l) => l.id === id)?.name ?? id;
  return `${process.description} 共 ${process.steps.length} 个步骤：${process.steps.map((s, i) => `${i + 1}. ${lane(s.lane)}：${s.label}`).join('；')}。`;
}

export function renderProcessSvg(process: Process, layout: ProcessLayout): string {
  const id = `flow-${process.id}`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" aria-labelledby="${id}-title ${id}-desc" width="${r(layout.width)}" height="${r(layout.height)}" viewBox="0 0 ${r(layout.width)} ${r(layout.height)}" data-process="${esc(process.id)}">`,
    `<title id="${id}-title">${esc(process.title)}</title>`,
    `<desc id="${id}-desc">${esc(describeProcess(process, layout))}</desc>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="fc-arrow"/></marker></defs>`,
  );
  for (const [i, lane] of layout.lanes.entries()) {
    out.push(
      `<g class="fc-lane" data-lane="${esc(lane.id)}">`,
      `<rect class="fc-lane-band${i % 2 ? ' fc-lane-band--alt' : ''}" x="0" y="${r(lane.y)}" width="${r(layout.width)}" height="${r(lane.height)}"/>`,
      `<rect class="fc-lane-head" x="0" y="${r(lane.y)}" width="${layout.laneHeader}" height="${r(lane.height)}"/>`,
      `<text class="fc-lane-name" x="${layout.laneHeader / 2}" y="${r(lane.y + lane.height / 2)}" text-anchor="middle" dominant-baseline="central">${esc(lane.name)}</text>`,
      `</g>`,
    );
  }
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${r(p.x)},${r(p.y)}`).join(' ');
    out.push(
      `<path class="fc-edge" d="${d}" marker-end="url(#${id}-arrow)" data-from="${esc(e.from)}" data-to="${esc(e.to)}"/>`,
    );
    if (e.label) {
      const [a, b] = e.points;
      const horizontal = a!.y === b!.y;
      const x = horizontal ? a!.x + 6 : a!.x + 5;
      const y = horizontal ? a!.y - 6 : b!.y < a!.y ? a!.y - 5 : a!.y + 14;
      out.push(`<text class="fc-edge-label" x="${r(x)}" y="${r(y)}">${esc(e.label)}</text>`);
    }
  }
  for (const n of layout.nodes) {
    const { x, y, width: w, height: h } = n;
    const cx = x + w / 2;
    const cy = y + h / 2;
    const shape =
      n.step.type === 'decision'
        ? `<polygon class="fc-node fc-decision" points="${r(cx)},${r(y)} ${r(x + w)},${r(cy)} ${r(cx)},${r(y + h)} ${r(x)},${r(cy)}"/>`
        : `<rect class="fc-node fc-${n.step.type}" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" rx="${n.step.type === 'task' ? 6 : r(h / 2)}"/>`;
    const first = cy - ((n.lines.length - 1) * 19) / 2;
    const text = n.lines.map((line, i) => `<tspan x="${r(cx)}" y="${r(first + i * 19)}">${esc(line)}</tspan>`).join('');
    out.push(
      `<g class="fc-step" data-step="${esc(n.step.id)}" data-x="${r(x)}" data-y="${r(y)}" data-w="${r(w)}" data-h="${r(h)}">${shape}<text class="fc-label" text-anchor="middle" dominant-baseline="central" font-size="${FONT}">${text}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
