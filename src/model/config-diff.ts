// What a change to the organisation config touches: the deadlines and parameters whose values
// differ between two versions of content/organization.yaml, and the policies that state them (through
// an obligation or a <Param>/<Deadline> in their text). The content lint asks those policies to
// raise their version; the impact preview lists their pages as changed.
import type { Policy } from '../schema/index.ts';

/** The config as written (the schema fills defaults a file may leave out, so the text is compared). */
export interface ConfigAsWritten {
  deadlines?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
}

export interface ConfigChange {
  kind: 'deadline' | 'parameter';
  key: string;
  before: unknown;
  after: unknown;
}

export function configChanges(before: ConfigAsWritten, after: ConfigAsWritten): ConfigChange[] {
  return (['deadlines', 'parameters'] as const).flatMap((kind) =>
    Object.keys({ ...after[kind], ...before[kind] })
      .filter((key) => JSON.stringify(before[kind]?.[key]) !== JSON.stringify(after[kind]?.[key]))
      .map((key) => ({
        kind: kind === 'deadlines' ? ('deadline' as const) : ('parameter' as const),
        key,
        before: before[kind]?.[key],
        after: after[kind]?.[key],
      })),
  );
}

/** The changes a policy states, given its frontmatter and its page's text: `deadline <key>`, `parameter <key>`. */
export function statedChanges(
  policy: Pick<Policy, 'obligations'>,
  text: string,
  changes: ConfigChange[],
): ConfigChange[] {
  const obligations = JSON.stringify(policy.obligations);
  return changes.filter((c) =>
    c.kind === 'deadline'
      ? policy.obligations.some((o) => (o as { due?: { deadline?: string } }).due?.deadline === c.key) ||
        text.includes(`deadline="${c.key}"`)
      : text.includes(`name="${c.key}"`) || obligations.includes(`"${c.key}"`),
  );
}

/**
 * A changed value by the fields that differ, each shown as written (`days`: 3 → 5); a value that is
 * not an object (a parameter's) is one change without a field. The label is left out: it names the value.
 */
export function fieldChanges(c: ConfigChange): { field: string | null; before: string; after: string }[] {
  const show = (v: unknown) => (v === undefined ? '（无）' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (c.before && c.after && typeof c.before === 'object' && typeof c.after === 'object') {
    const x = c.before as Record<string, unknown>;
    const y = c.after as Record<string, unknown>;
    return Object.keys({ ...x, ...y })
      .filter((k) => k !== 'label' && JSON.stringify(x[k]) !== JSON.stringify(y[k]))
      .map((k) => ({ field: k, before: show(x[k]), after: show(y[k]) }));
  }
  return [{ field: null, before: show(c.before), after: show(c.after) }];
}
