// Who carries an obligation, or a step of it: the one answer the checker, the department pages,
// the calendars and the page text all use. An obligation is carried by every department (of kind
// `department`), by one department named in it, or by whichever department plays a role on each
// record (the meeting's organiser): then the record's field says which. A step the policy gives to
// another department (review: the operations department; approval: the executive team) is carried
// by that department.
import type { ObligationBase, Organization } from '../schema/index.ts';
import { fieldsOf } from '../schema/record-types.ts';
import { fieldZh } from './describe.ts';

export type Carrier =
  | { kind: 'every' }
  | { kind: 'department'; department: string }
  | { kind: 'role'; role: string; field: string };

/**
 * A step of an obligation done in steps: its timestamp field, or that with the department that acts
 * at it (`by`) when not the obligation's carrier, and the record field naming who did (`actor`).
 */
export type Step = string | { at: string; by?: string; actor?: string };

type Who = Pick<ObligationBase, 'who' | 'records'> & { steps?: readonly Step[] };

/** A step's timestamp field. */
export const stepAt = (step: Step): string => (typeof step === 'string' ? step : step.at);

/** The department a step names as acting at it, if any. */
export const stepBy = (step: Step): string | undefined => (typeof step === 'string' ? undefined : step.by);

/** Who carries a step on a record: the department the policy gives it to, else the obligation's carrier. */
export function carrierOfStep(ob: Who, step: Step, record: Readonly<Record<string, unknown>>): string | null {
  return stepBy(step) ?? carrierOfRecord(ob, record);
}

/** The departments that carry a step of the obligation, in step order, each once. */
export function stepCarriers(ob: Who): string[] {
  return [...new Set((ob.steps ?? []).map(stepBy).filter((d): d is string => d !== undefined))];
}

export function carrierOf(ob: Who): Carrier {
  const who = ob.who;
  if ('every' in who) return { kind: 'every' };
  if ('department' in who) return { kind: 'department', department: who.department };
  return { kind: 'role', role: who.role, field: who.field };
}

const departmentFields = new Map<string, string | undefined>();

/**
 * The record field naming the department a record belongs to for this obligation: the role's
 * field (the meeting's organiser), else the record type's department field.
 */
export function carrierField(ob: Who): string | undefined {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'role') return carrier.field;
  // Rules ask per record: remembered per record type.
  if (!departmentFields.has(ob.records)) departmentFields.set(ob.records, fieldsOf(ob.records, 'department')[0]);
  return departmentFields.get(ob.records);
}

/** The record fields a rule must read to know who carries a record's instance: none when the obligation names its department. */
export function carrierFields(ob: Who): string[] {
  const field = carrierOf(ob).kind === 'department' ? undefined : carrierField(ob);
  return field === undefined ? [] : [field];
}

/**
 * The department carrying the instance a record gives rise to: the one named, or the one the
 * record's carrier field names; null when the record names none (the engine then holds the
 * policy's owner to it).
 */
export function carrierOfRecord(ob: Who, record: Readonly<Record<string, unknown>>): string | null {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'department') return carrier.department;
  const field = carrierField(ob);
  const value = field === undefined ? null : record[field];
  return typeof value === 'string' ? value : null;
}

/**
 * How a department carries an obligation: as one of every department, as the department named, or
 * when it plays the role on a record (any department may); undefined when it does not carry it.
 */
export function howCarried(ob: Who, org: Organization, departmentId: string): Carrier['kind'] | 'step' | undefined {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'every' && org.departments.find((d) => d.id === departmentId)?.kind === 'department')
    return 'every';
  if (carrier.kind === 'department' && carrier.department === departmentId) return 'department';
  if (stepCarriers(ob).includes(departmentId)) return 'step';
  return carrier.kind === 'role' ? 'role' : undefined;
}

/** The steps a department carries of an obligation, by their timestamp fields. */
export function stepsCarriedBy(ob: Who, departmentId: string): string[] {
  return (ob.steps ?? []).filter((s) => stepBy(s) === departmentId).map(stepAt);
}

/**
 * The departments that carry an obligation whatever the records say (every department, or the one
 * named), for calendars; a role's carriers are known only from the records, so none.
 */
export function standingCarriers(ob: Who, org: Organization): string[] {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'every') return org.departments.filter((d) => d.kind === 'department').map((d) => d.id);
  if (carrier.kind === 'department') return [carrier.department];
  return [];
}

const departmentName = (org: Organization, id: string) => org.departments.find((d) => d.id === id)?.name ?? id;

/**
 * Who carries an obligation, in Chinese: 各部门, the department's name, or the role's name; then
 * the steps other departments carry, e.g. 各部门；审核：运营部；审批：高层管理团队.
 */
export function describeCarrier(ob: Who, org: Organization): string {
  const carrier = carrierOf(ob);
  const own =
    carrier.kind === 'every'
      ? '各部门'
      : carrier.kind === 'department'
        ? departmentName(org, carrier.department)
        : (org.roles.find((r) => r.id === carrier.role)?.name ?? carrier.role);
  const steps = (ob.steps ?? []).flatMap((s) => {
    const by = stepBy(s);
    return by ? [`${fieldZh(ob.records, stepAt(s))}：${departmentName(org, by)}`] : [];
  });
  return [own, ...steps].join('；');
}
