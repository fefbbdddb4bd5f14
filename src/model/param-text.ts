// The words a <Param> puts into policy text, from an organisation config: the component renders
// them on the page, and the version diff renders the page of each version with the config of its
// commit, so both read a value the same way (src/model/rendered-text.ts).
import type { Organization } from '../schema/index.ts';
import type { PeriodUnit } from './dates.ts';
import { describeDeadline, listText } from './describe.ts';

export interface ParamProps {
  /** Key of a deadline in organization.yaml. */
  deadline?: string;
  /** Period the deadline applies to (for period-start deadlines). */
  unit?: PeriodUnit;
  /** Or the parameter whose value is that period (`evaluation-cycle`), so the text follows it. */
  unitFrom?: string;
  /** What the event deadline counts from, e.g. 会议结束. */
  event?: string;
  /** `short` fits after 每 in running text (每年 11 月 30 日前, 每季度末). */
  form?: 'long' | 'short';
  /** Key of a parameter in organization.yaml. */
  name?: string;
  /** List the departments (kind: department). */
  departments?: boolean;
}

const periodWords: Record<string, string> = { year: '年度', half: '半年', quarter: '季度', month: '月度' };

function fail(message: string): never {
  throw new Error(`<Param>: ${message}. Check content/organization.yaml.`);
}

/** The text of `<Param … />` under `org`; throws, naming the key and the keys there are, on an unknown one. */
export function paramText(
  org: Organization,
  { deadline, unit, unitFrom, event, form = 'long', name, departments }: ParamProps,
) {
  if (deadline) {
    const rule =
      org.deadlines[deadline] ??
      fail(`unknown deadline "${deadline}", expected one of ${Object.keys(org.deadlines).join(', ')}`);
    let period = unit;
    if (unitFrom) {
      const value = org.parameters[unitFrom]?.value;
      if (typeof value !== 'string' || !(value in periodWords))
        fail(`unitFrom="${unitFrom}" names no parameter whose value is one of ${Object.keys(periodWords).join(', ')}`);
      period = value as PeriodUnit;
    }
    return describeDeadline(rule, period, event, form);
  }
  if (name) {
    const p =
      org.parameters[name] ??
      fail(`unknown parameter "${name}", expected one of ${Object.keys(org.parameters).join(', ')}`);
    if (Array.isArray(p.value)) return listText(p);
    return typeof p.value === 'string' && p.value in periodWords ? periodWords[p.value]! : String(p.value);
  }
  if (departments)
    return org.departments
      .filter((d) => d.kind === 'department')
      .map((d) => d.name)
      .join('、');
  return fail('give one of deadline, name or departments');
}
