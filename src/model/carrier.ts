// Who carries an obligation: the one answer the checker, the department pages, the calendars and
// the page text all use. An obligation is carried by every department (of kind `department`), by
// one department named in it, or by whichever department plays a role on each record (the
// meeting's organiser): then the record's field says which.
import type { ObligationBase, Organization } from '../schema/index.ts';
import { fieldsOf } from '../schema/record-types.ts';

export type Carrier =
  | { kind: 'every' }
  | { kind: 'department'; department: string }
  | { kind: 'role'; role: string; field: string };

type Who = Pick<ObligationBase, 'who' | 'records'>;

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
export function howCarried(ob: Who, org: Organization, departmentId: string): Carrier['kind'] | undefined {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'every')
    return org.departments.find((d) => d.id === departmentId)?.kind === 'department' ? 'every' : undefined;
  if (carrier.kind === 'department') return carrier.department === departmentId ? 'department' : undefined;
  return 'role';
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

/** Who carries an obligation, in Chinese: 各部门, the department's name, or the role's name. */
export function describeCarrier(ob: Who, org: Organization): string {
  const carrier = carrierOf(ob);
  if (carrier.kind === 'every') return '各部门';
  if (carrier.kind === 'department')
    return org.departments.find((d) => d.id === carrier.department)?.name ?? carrier.department;
  return org.roles.find((r) => r.id === carrier.role)?.name ?? carrier.role;
}
