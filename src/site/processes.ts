// Build-time process data for the site: definitions, forms, and each chart rendered once.
import content from 'virtual:handbook/content';
import { layoutProcess } from '../process/layout.ts';
import { renderProcessSvg } from '../process/render-svg.ts';
import { org } from './data.ts';

export const { forms, processes } = content;

export interface Chart {
  svg: string;
  /** Lane bands, for the lane names that stay in view while a wide chart scrolls. */
  lanes: { name: string; y: number; height: number }[];
  width: number;
  height: number;
  laneHeader: number;
}

const charts = new Map<string, Promise<Chart>>();

/** The inline SVG of a process; fails the build naming the unknown id. */
export function chartFor(id: string): Promise<Chart> {
  const process = processes.find((p) => p.id === id);
  if (!process)
    throw new Error(
      `<Flowchart process="${id}">: no such process in content/processes, expected one of ${processes.map((p) => p.id).join(', ')}`,
    );
  let chart = charts.get(id);
  if (!chart)
    charts.set(
      id,
      (chart = layoutProcess(process, org).then((layout) => ({
        svg: renderProcessSvg(process, layout),
        lanes: layout.lanes.map(({ name, y, height }) => ({ name, y, height })),
        width: layout.width,
        height: layout.height,
        laneHeader: layout.laneHeader,
      }))),
    );
  return chart;
}
