// How departments did over time, from earlier reports (their JSON, kept one per run): the on-time
// rate per department per month and the findings open at each report, per obligation. Data only:
// the reporters and the compliance page's charts format it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckError } from './engine/errors.ts';
import type { Report, Trends } from './engine/types.ts';

/** What a trend needs of a report: the as-of day, the per-department counts, the findings. */
type Point = Pick<Report, 'asOf'> & {
  summary: Pick<Report['summary'], 'obligations'>;
  findings: { policy: string; obligation: string; department: string }[];
};

/**
 * What a report kept in the history must hold, checked field by field: a hand-edited or damaged
 * one would otherwise skew the rates (counts written as strings), date itself in the future, or
 * carry markup into a report. Written out rather than with zod so that the checker loads no
 * schema library for it (tests/architecture.test.ts); the first problem names file and field.
 */
function problemOf(data: unknown, today?: string): string | undefined {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return 'it is not a JSON object';
  const day = d.asOf;
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    return `asOf is ${JSON.stringify(day)}, expected a date such as "2026-11-30"`;
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return `asOf ${day} is no such day`;
  if (today && day > today) return `asOf ${day} is after today (${today}): a report cannot come from the future`;
  if (!Array.isArray(d.findings)) return 'findings is not a list';
  for (const [i, f] of (d.findings as unknown[]).entries()) {
    const x = f as Record<string, unknown> | null;
    if (!x || typeof x !== 'object') return `findings[${i}] is ${JSON.stringify(f)}, expected a finding object`;
    for (const k of ['policy', 'obligation', 'department'])
      if (typeof x[k] !== 'string') return `findings[${i}].${k} is ${JSON.stringify(x[k])}, expected text`;
  }
  const obligations = (d.summary as Record<string, unknown> | undefined)?.obligations;
  if (!Array.isArray(obligations)) return 'summary.obligations is not a list';
  for (const [i, o] of obligations.entries()) {
    const departments = (o as Record<string, unknown> | null)?.departments ?? {};
    if (typeof departments !== 'object' || departments === null)
      return `summary.obligations[${i}].departments is not an object`;
    for (const [dept, c] of Object.entries(departments)) {
      const { evaluated, met } = (c ?? {}) as Record<string, unknown>;
      const where = `summary.obligations[${i}].departments.${dept}`;
      if (!Number.isInteger(evaluated) || (evaluated as number) < 0)
        return `${where}.evaluated is ${JSON.stringify(evaluated)}, expected a whole number`;
      if (!Number.isInteger(met) || (met as number) < 0 || (met as number) > (evaluated as number))
        return `${where}.met is ${JSON.stringify(met)}, expected a whole number no greater than evaluated`;
    }
  }
  return undefined;
}

/**
 * The reports in a history folder (every `*.json`), oldest as-of first; each is checked (problemOf),
 * and one that is not a sound report stops the check naming file and field. `today`: the day in the
 * organisation's time zone; a report dated later is refused. A report later than this check's
 * as-of is not: a run with an earlier as-of backfills the history, and its trends span all of it.
 */
export function readHistory(dir: string, today?: string): Point[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    throw new CheckError(
      `--history "${dir}" is not a readable folder; pass the folder that keeps earlier JSON reports`,
    );
  }
  const points: Point[] = [];
  for (const name of names) {
    let data: Point;
    try {
      data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      throw new CheckError(
        `--history: ${name} is not valid JSON (${(error as Error).message}); remove it or replace it with a report made by --format json`,
      );
    }
    const problem = problemOf(data, today);
    if (problem)
      throw new CheckError(
        `--history: ${name} is not a sound compliance report: ${problem}. Keep only reports made by --format json in that folder, or remove this one`,
      );
    points.push(data);
  }
  return points.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
}

/** Trends over the earlier reports and this one (a report of the same day replaces the earlier one). */
export function trendsOf(history: Point[], current: Point): Trends {
  const byDay = new Map(history.map((p) => [p.asOf, p]));
  byDay.set(current.asOf, current);
  const points = [...byDay.values()].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  // The latest report of each month speaks for the month.
  const months = new Map<string, Point>();
  for (const p of points) months.set(p.asOf.slice(0, 7), p);
  const onTime: Trends['onTime'] = [];
  for (const [month, p] of months) {
    const totals = new Map<string, { evaluated: number; met: number }>();
    for (const o of p.summary.obligations) {
      for (const [department, c] of Object.entries(o.departments ?? {})) {
        const t = totals.get(department) ?? { evaluated: 0, met: 0 };
        t.evaluated += c.evaluated;
        t.met += c.met;
        totals.set(department, t);
      }
    }
    for (const [department, t] of totals)
      onTime.push({ month, department, ...t, rate: t.evaluated ? t.met / t.evaluated : null });
  }
  const open: Trends['open'] = [];
  for (const p of points) {
    const counts = new Map<string, { policy: string; obligation: string; department: string; count: number }>();
    for (const f of p.findings) {
      const key = `${f.policy}\u0000${f.obligation}\u0000${f.department}`;
      const c = counts.get(key) ?? { policy: f.policy, obligation: f.obligation, department: f.department, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    for (const c of counts.values()) open.push({ asOf: p.asOf, ...c });
  }
  return { reports: points.map((p) => p.asOf), onTime, open };
}

/** The report limited to one department: its findings and upcoming items, and the counts recomputed. */
export function forDepartment(report: Report, department: string): Report {
  const findings = report.findings.filter((f) => f.department === department);
  const upcoming = report.upcoming.filter((u) => u.department === department);
  const byStatus = Object.fromEntries(
    Object.keys(report.summary.findings).map((s) => [s, 0]),
  ) as Report['summary']['findings'];
  for (const f of findings) byStatus[f.status]++;
  return {
    ...report,
    department,
    findings,
    upcoming,
    summary: {
      ...report.summary,
      findings: byStatus,
      upcoming: upcoming.length,
      obligations: report.summary.obligations.map((o) => ({
        ...o,
        departments: department in o.departments ? { [department]: o.departments[department]! } : {},
      })),
    },
    ...(report.trends
      ? {
          trends: {
            ...report.trends,
            onTime: report.trends.onTime.filter((t) => t.department === department),
            open: report.trends.open.filter((t) => t.department === department),
          },
        }
      : {}),
  };
}
