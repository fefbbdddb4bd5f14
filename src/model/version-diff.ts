// What a reviewer reads for one version of a policy against the version before it: the rendered
// text side by side (each version with the organisation config of its own commit, so a deadline
// changed only in the config shows as 3 → 5 in the sentence that states it), the config values the
// page states that changed, and the obligations added, removed or changed in its frontmatter.
import { parse as parseYaml } from 'yaml';
import {
  enumValues,
  expandObligations,
  type Organization,
  OrganizationSchema,
  parseWithFriendlyErrors,
} from '../schema/index.ts';
import { type ConfigAsWritten, configChanges, fieldChanges, statedChanges } from './config-diff.ts';
import { pageBody, readFrontmatter } from './load.ts';
import { describeDeadline } from './describe.ts';
import { paramText } from './param-text.ts';
import { paramsOf, type RenderOptions, renderedSentences } from './rendered-text.ts';
import { type DiffRow, sentenceDiff } from './text-diff.ts';

export interface VersionSide {
  /** The page's whole text (frontmatter and MDX body) at this version. */
  text: string;
  /** content/organization.yaml as committed with this version; undefined when the commit has none. */
  config: string | undefined;
  /** Where the text comes from, for messages: `content/docs/policies/08-meetings.mdx@1a2b3c4d`. */
  source: string;
}

export interface ParamChange {
  kind: 'deadline' | 'parameter';
  key: string;
  label: string;
  /** As the page words it under each version's config (3 个日历日 → 5 个日历日), or the fields that changed. */
  before: string;
  after: string;
  /** Only its name changed (its value is as it was): before and after are the names. */
  renamed?: true;
}

export interface VersionDiff {
  rows: DiffRow[];
  params: ParamChange[];
  obligations: { added: string[]; removed: string[]; changed: string[] };
  /** What could not be read as committed, and what was used instead: said on the page. */
  problems: string[];
}

const body = (text: string) => pageBody(text).body;

type Obligation = { id?: string; title?: string };
/**
 * A version's obligations as its page states them: one with a placeholder ({rater}, one per value
 * of a list in the organisation config) expanded under `org`, so that "{rater}评估" never reaches a
 * reader. As written when that version cannot be expanded under `org`.
 */
const obligationsOf = (text: string, org?: Organization): Obligation[] => {
  const fm = readFrontmatter(text) as { obligations?: Obligation[] } | undefined;
  const written = Array.isArray(fm?.obligations) ? fm.obligations : [];
  if (!org) return written;
  let failed = false;
  try {
    const expanded = expandObligations(written.map((o) => ({ match: {}, ...o })) as never[], org, {
      addIssue: () => (failed = true),
    } as never) as Obligation[];
    return failed ? written : expanded;
  } catch {
    return written; // an older page's obligation in a shape this version cannot read
  }
};

export function versionDiff(
  before: VersionSide,
  after: VersionSide,
  current: Organization,
  options: RenderOptions = {},
): VersionDiff {
  const problems: string[] = [];
  const configOf = (side: VersionSide): { raw: ConfigAsWritten; org: Organization } => {
    try {
      if (side.config === undefined) throw new Error('the commit has no content/organization.yaml');
      const raw = parseYaml(side.config) as ConfigAsWritten;
      return { raw, org: parseWithFriendlyErrors(OrganizationSchema, raw, `content/organization.yaml@${side.source}`) };
    } catch (error) {
      problems.push(
        `${side.source} 的组织配置无法按现行格式读取，该版本的参数按现行配置填写（${(error as Error).message.split('\n')[0]}）`,
      );
      return { raw: current as unknown as ConfigAsWritten, org: current };
    }
  };
  const old = configOf(before);
  const now = configOf(after);
  const render = (side: VersionSide, org: Organization) => {
    try {
      return renderedSentences(body(side.text), org, options);
    } catch (error) {
      problems.push(`${side.source} 的正文无法解析，未列出其文字（${(error as Error).message.split('\n')[0]}）`);
      return [];
    }
  };
  const rows = sentenceDiff(render(before, old.org), render(after, now.org));

  // The config values this page states (in its text or its obligations) that differ between the commits.
  const stated = statedChanges(
    { obligations: obligationsOf(after.text) as never },
    after.text,
    configChanges(old.raw, now.raw),
  );
  const uses = paramsOf(body(after.text));
  /** The values of the record field an obligation of the page matches against parameter `key`. */
  const valueNames = (key: string) => {
    for (const ob of obligationsOf(after.text) as { records?: string; match?: Record<string, unknown> }[])
      for (const [field, m] of Object.entries(ob.match ?? {}))
        if (m && typeof m === 'object' && Object.values(m).includes(key) && ob.records)
          return enumValues(ob.records, field, now.org);
    return undefined;
  };
  const params = stated.map((c): ParamChange => {
    const label = String(
      (c.after as { label?: string } | undefined)?.label ??
        (c.before as { label?: string } | undefined)?.label ??
        c.key,
    );
    const use = uses.find((p) => (c.kind === 'deadline' ? p.deadline : p.name) === c.key);
    // As the page words it (its <Param>); a deadline the page states only through an obligation, as
    // a deadline is described (never by its config fields: "days 3" is no reader's word).
    const worded = (org: Organization) => {
      try {
        if (use) return paramText(org, use);
        const deadline = c.kind === 'deadline' ? org.deadlines[c.key] : undefined;
        if (deadline) return describeDeadline(deadline, undefined, '事件发生', 'short');
        // A parameter an obligation selects records by (level atLeast it, rater each of it): its
        // values by the Chinese names of that field's values (medium → 中), never "value medium".
        const value = c.kind === 'parameter' ? org.parameters[c.key]?.value : undefined;
        const names = value === undefined ? undefined : valueNames(c.key);
        if (value === undefined || !names) return undefined;
        return (Array.isArray(value) ? value : [String(value)]).map((v) => names[v]?.[0] ?? v).join('、');
      } catch {
        return '（无）';
      }
    };
    const [b, a] = [worded(old.org), worded(now.org)];
    if (b !== undefined && a !== undefined && b !== a) return { kind: c.kind, key: c.key, label, before: b, after: a };
    const fields = fieldChanges(c);
    const names = [c.before, c.after].map((v) => (v as { label?: string } | undefined)?.label);
    if (fields.length === 0 && names[0] !== undefined && names[1] !== undefined)
      return { kind: c.kind, key: c.key, label, before: `名称“${names[0]}”`, after: `“${names[1]}”`, renamed: true };
    const side = (k: 'before' | 'after') => fields.map((f) => (f.field ? `${f.field} ${f[k]}` : f[k])).join('，');
    return { kind: c.kind, key: c.key, label, before: side('before'), after: side('after') };
  });

  const was = new Map(obligationsOf(before.text, old.org).map((o) => [o.id, o]));
  const is = new Map(obligationsOf(after.text, now.org).map((o) => [o.id, o]));
  const title = (o: Obligation) => o.title ?? o.id ?? '';
  const obligations = {
    added: [...is.values()].filter((o) => !was.has(o.id)).map(title),
    removed: [...was.values()].filter((o) => !is.has(o.id)).map(title),
    changed: [...is.values()]
      .filter((o) => was.has(o.id) && JSON.stringify(was.get(o.id)) !== JSON.stringify(o))
      .map(title),
  };
  return { rows, params, obligations, problems };
}
