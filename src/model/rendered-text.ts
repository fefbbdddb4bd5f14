// A policy page as a reader reads it, as plain sentences: the MDX body parsed by remark (with the
// site's CJK plugins), import lines and expressions left out, every <Param> filled in from the
// organisation config given (the config of the version's commit, for the version diff), a department's
// duties and a flowchart's name in place of their tags. The version diff compares these sentences
// (src/model/text-diff.ts), so a reviewer reads what changed, not what changed in the markup.
import type { Nodes, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkJoinCjkLines from 'remark-join-cjk-lines';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Organization } from '../schema/index.ts';
import type { PeriodUnit } from './dates.ts';
import { acknowledgingText } from './acknowledging.ts';
import { type ParamProps, paramText } from './param-text.ts';

export interface Sentence {
  text: string;
  /** A heading's depth (2 for ##); absent for body text. */
  heading?: number;
}

export interface RenderOptions {
  /** A process's name for `<Flowchart process="…">`; the id when not given. */
  processTitle?: (id: string) => string | undefined;
}

/** MDX as the site reads it (GFM, the CJK plugins): for the version diff and the content lint's links. */
export const mdxProcessor = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkGfm)
  .use(remarkCjkFriendly)
  .use(remarkJoinCjkLines);

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

/** A component's attributes as written: strings, `true` for a bare attribute, expressions as their source. */
function attributes(node: Jsx): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (const a of node.attributes) {
    if (a.type !== 'mdxJsxAttribute') continue;
    out[a.name] =
      a.value === null || a.value === undefined ? true : typeof a.value === 'string' ? a.value : a.value.value;
  }
  return out;
}

/** A <Param>'s attributes as the component takes them. */
export function paramProps(node: Jsx): ParamProps {
  const a = attributes(node);
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  return {
    deadline: str('deadline'),
    unit: str('unit') as PeriodUnit | undefined,
    unitFrom: str('unitFrom'),
    event: str('event'),
    form: str('form') as ParamProps['form'],
    name: str('name'),
    departments: a.departments === true,
  };
}

/** Every `<Param>` of a page, with its attributes: which config values the page states and how. */
export function paramsOf(body: string): ParamProps[] {
  const found: ParamProps[] = [];
  const walk = (node: Nodes) => {
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && node.name === 'Param')
      found.push(paramProps(node));
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(mdxProcessor.parse(body));
  return found;
}

/** The sentences of a page body (the MDX after its frontmatter), as rendered under `org`. */
export function renderedSentences(body: string, org: Organization, options: RenderOptions = {}): Sentence[] {
  const tree = mdxProcessor.runSync(mdxProcessor.parse(body)) as Root;

  const inline = (node: Nodes): string => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return node.value;
      case 'break':
        return ' ';
      case 'image':
        return node.alt ?? '';
      case 'html':
      case 'mdxTextExpression':
      case 'mdxFlowExpression':
      case 'mdxjsEsm':
        return '';
      case 'mdxJsxTextElement':
      case 'mdxJsxFlowElement':
        if (node.name === 'Param') return paramText(org, paramProps(node));
        if (node.name === 'Acknowledging') {
          const { how, columns } = acknowledgingText(org);
          return `${how}${columns}`;
        }
        return node.children.map((c) => inline(c as Nodes)).join('');
      default:
        return 'children' in node ? node.children.map((c) => inline(c as Nodes)).join('') : '';
    }
  };

  const out: Sentence[] = [];
  const paragraph = (text: string) => {
    // Sentences end at 。！？ and at ；, which parts the long clauses of policy text; a closing
    // quote or bracket stays with its sentence.
    for (const s of text.split(/(?<=[。！？；][」』”’）)]*)/u)) {
      const t = s.trim();
      if (t) out.push({ text: t });
    }
  };

  const block = (node: RootContent) => {
    switch (node.type) {
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'html':
      case 'thematicBreak':
      case 'definition':
        return;
      case 'heading':
        out.push({ text: inline(node).trim(), heading: node.depth });
        return;
      case 'paragraph':
        paragraph(inline(node));
        return;
      case 'code':
        paragraph(node.value);
        return;
      case 'table':
        for (const row of node.children) {
          const cells = row.children.map((cell) => inline(cell).trim());
          out.push({ text: cells.join('｜') });
        }
        return;
      case 'mdxJsxFlowElement': {
        const a = attributes(node);
        if (node.name === 'Param') {
          paragraph(inline(node));
          return;
        }
        if (node.name === 'Flowchart') {
          const id = String(a.process ?? '');
          out.push({ text: `〔流程图：${options.processTitle?.(id) ?? id}〕` });
          return;
        }
        if (node.name === 'DepartmentDuties') {
          const dept = org.departments.find((d) => d.id === a.id);
          if (dept) {
            out.push({ text: `${typeof a.number === 'string' ? `${a.number} ` : ''}${dept.name}`, heading: 4 });
            for (const duty of dept.duties) paragraph(duty);
          } else out.push({ text: `〔部门 ${String(a.id)} 不在该版本的组织配置中〕` });
          return;
        }
        if (node.name === 'Proposal')
          out.push({ text: `〔提案，尚未生效${typeof a.title === 'string' ? `：${a.title}` : ''}〕` });
        else if (node.name === 'Aside' && typeof a.title === 'string') out.push({ text: `〔${a.title}〕` });
        for (const child of node.children) block(child as RootContent);
        return;
      }
      default:
        if ('children' in node) for (const child of node.children) block(child as RootContent);
    }
  };
  for (const node of tree.children) block(node);
  return out;
}
