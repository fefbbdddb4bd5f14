// Charts of a report as static SVG, made with Vega-Lite (compiled to Vega, rendered to SVG in
// Node, no browser): the on-time rate per department per month, open findings by obligation and
// findings by age. Each comes with its data as a table, for screen readers and for reading the
// exact numbers. Text and axes are drawn in `currentColor`, so the page's light or dark theme
// colours them; the SVG scales to the width it is given (a phone's too).
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import stringWidth from 'string-width';
import { trendRows } from './labels.ts';

export interface Chart {
  id: string;
  title: string;
  svg: string;
  /** The data, as a table: column headings and rows. */
  table: { columns: string[]; rows: (string | number)[][] };
}

const FONT = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const config = {
  background: null,
  font: FONT,
  view: { stroke: null },
  axis: {
    labelColor: 'currentColor',
    titleColor: 'currentColor',
    domainColor: 'currentColor',
    tickColor: 'currentColor',
    gridColor: '#8884',
    labelFontSize: 12,
    titleFontSize: 12,
  },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 12, titleFontSize: 12 },
  title: { color: 'currentColor' },
  range: { category: ['#3b82f6', '#f97316', '#10b981', '#a855f7', '#ef4444', '#eab308', '#14b8a6', '#64748b'] },
};

/**
 * Text width for Vega's layout. Without a canvas (none in Node) Vega estimates every character at
 * 0.8 em: a Chinese label (1 em a character) came out a fifth too narrow and was clipped at the
 * drawing's edge ("PS-03 月度…"), the legend too. Here a character is as wide as the terminal
 * columns string-width gives it (East Asian wide: 2), at 0.6 em a column: Chinese at 1.2 em, Latin
 * at 0.6 em, a little over what a browser draws, so a label is never cut.
 */
function textWidth(item: { fontSize?: number }, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  return stringWidth(String(text ?? '').trim()) * 0.6 * size;
}

async function render(spec: Record<string, unknown>): Promise<string> {
  // Loaded on demand: only the HTML report and the site draw charts.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega exports textMetrics for this (vl-convert sets it too); its type declarations leave it out.
  (vega as unknown as { textMetrics: { width: typeof textWidth } }).textMetrics.width = textWidth;
  const compiled = vegaLite.compile({ ...spec, config } as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Scale to the width available: keep the drawing's proportions, drop its fixed size.
  return svg.replace(
    /<svg([^>]*?) width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"([^>]*)>/,
    (_m, before, w, h, after) => {
      const rest = `${before}${after}`.replace(/\s*viewBox="[^"]*"/, '');
      // Never below four fifths of its size (text of 12 px stays 9.6 px or more): a column narrower
      // than that scrolls it, and the page says so (the figure's .scroll-hint).
      const min = Math.round(Number(w) * 0.8);
      return `<svg${rest} width="100%" style="max-width:${w}px;min-width:${min}px;height:auto" viewBox="0 0 ${w} ${h}" role="img">`;
    },
  );
}

/** The obligations with the most open findings that the chart shows (its title says so when there are more). */
const TOP_OBLIGATIONS = 15;

const AGE_BUCKETS = [
  [1, 7, '1–7 天'],
  [8, 30, '8–30 天'],
  [31, 90, '31–90 天'],
  [91, Number.POSITIVE_INFINITY, '90 天以上'],
] as const;

/** The charts of a report (the on-time chart only when there is more than one report to compare). */
export async function chartsOf(
  report: Report,
  org: Organization,
  titles: Map<string, string> = new Map(),
): Promise<Chart[]> {
  const charts: Chart[] = [];
  if (report.trends && report.trends.reports.length > 1) {
    // Chinese names only in the legend: the English ones made it too wide for a phone.
    const name = (id: string) => org.departments.find((d) => d.id === id)?.name ?? id;
    const values = report.trends.onTime
      .filter((t) => t.rate !== null)
      .map((t) => ({ month: t.month, department: name(t.department), rate: t.rate }));
    const { months, onTime } = trendRows(org, report.trends);
    charts.push({
      id: 'chart-on-time',
      title: '各部门按时完成率（按月）',
      svg: await render({
        width: 560,
        height: 240,
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: '月份', axis: { labelAngle: 0 } },
          y: {
            field: 'rate',
            type: 'quantitative',
            title: '按时完成率',
            axis: { format: '%' },
            scale: { domain: [0, 1] },
          },
          color: { field: 'department', type: 'nominal', title: '部门' },
        },
      }),
      table: { columns: ['部门', ...months], rows: onTime.map((r) => [r.department, ...r.rates]) },
    });
  }
  const byObligation = new Map<string, number>();
  for (const f of report.findings) {
    const key = titles.get(`${f.policy}\u0000${f.obligation}`) ?? `${f.policy} ${f.title}`;
    byObligation.set(key, (byObligation.get(key) ?? 0) + 1);
  }
  const obligations = [...byObligation].sort((a, b) => b[1] - a[1]).slice(0, TOP_OBLIGATIONS);
  if (obligations.length) {
    charts.push({
      id: 'chart-by-obligation',
      title:
        byObligation.size > TOP_OBLIGATIONS
          ? `未结的检查结果（按要求，共 ${byObligation.size} 项要求，图中为最多的 ${TOP_OBLIGATIONS} 项）`
          : '未结的检查结果（按要求）',
      svg: await render({
        // Labels cut at 24 characters: without a canvas, Vega measures Chinese text too narrow and a
        // longer label runs off the drawing (the table below has them whole).
        width: 320,
        height: { step: 22 },
        data: {
          values: obligations.map(([obligation, count]) => ({
            obligation: [...obligation].length > 24 ? `${[...obligation].slice(0, 23).join('')}…` : obligation,
            count,
          })),
        },
        mark: { type: 'bar', color: '#f97316' },
        encoding: {
          y: { field: 'obligation', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 340 } },
          x: { field: 'count', type: 'quantitative', title: '项数', axis: { tickMinStep: 1 } },
        },
      }),
      table: { columns: ['要求', '项数'], rows: obligations.map(([o, n]) => [o, n]) },
    });
  }
  const ages = AGE_BUCKETS.map(([from, to, label]) => ({
    age: label,
    count: report.findings.filter((f) => f.daysLate >= from && f.daysLate <= to).length,
  }));
  if (report.findings.some((f) => f.daysLate > 0)) {
    charts.push({
      id: 'chart-by-age',
      title: '缺失与逾期的检查结果（按逾期天数）',
      svg: await render({
        // Four bars: narrow enough to fit a phone's column (390 px) at full size.
        width: 260,
        height: 200,
        data: { values: ages },
        mark: { type: 'bar', color: '#3b82f6' },
        encoding: {
          x: {
            field: 'age',
            type: 'ordinal',
            sort: AGE_BUCKETS.map((b) => b[2]),
            title: '逾期',
            axis: { labelAngle: 0 },
          },
          y: { field: 'count', type: 'quantitative', title: '项数', axis: { tickMinStep: 1 } },
        },
      }),
      table: { columns: ['逾期', '项数'], rows: ages.map((a) => [a.age, a.count]) },
    });
  }
  return charts;
}

/** A chart as HTML: the SVG with its title, and its data in a table under a disclosure. */
export function chartHtml(chart: Chart, esc: (v: unknown) => string): string {
  return (
    `<figure class="report-chart" id="${chart.id}"><figcaption>${esc(chart.title)}<span class="scroll-hint">（图比页面宽，可左右滚动）</span></figcaption>` +
    // On a phone the drawing keeps a legible size and scrolls sideways (the table has the numbers).
    // The site's script (src/components/ScrollRegions.astro) makes it a Tab stop only while it scrolls.
    `<div class="report-chart__drawing" tabindex="0" role="group" aria-label="${esc(chart.title)}（可左右滚动）" data-scroll-label="${esc(chart.title)}" data-scroll-role="group">` +
    chart.svg.replace('role="img"', `role="img" aria-label="${esc(chart.title)}"`) +
    `</div><details><summary>数据表</summary><table><thead><tr>${chart.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>` +
    chart.table.rows
      .map(
        (r) =>
          `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
      )
      .join('') +
    `</tbody></table></details></figure>`
  );
}
