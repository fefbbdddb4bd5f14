// A policy page is data: Markdown and the handbook's own components, nothing that runs. MDX is
// JavaScript (an `export`, an `import` or a `{…}` expression runs while the site is built, with the
// checkout's files in reach), and a page's code owner is a department, not an engineer. So the
// content lint and the build (src/site/remark-policy-data.ts) refuse, at file and line, everything
// in a policy page but Markdown and the components listed here, which every page gets without an
// import. Raw HTML in a Markdown page is refused too: it would reach readers unescaped.
import type { Program } from 'estree';
import type { Nodes, Root } from 'mdast';
import { dirname, resolve } from 'node:path';

/** The components a policy page may use, and where each comes from. */
export const POLICY_COMPONENTS: Record<string, { from: string; named?: true }> = {
  Param: { from: 'src/components/Param.astro' },
  Flowchart: { from: 'src/components/Flowchart.astro' },
  Proposal: { from: 'src/components/Proposal.astro' },
  DepartmentDuties: { from: 'src/components/DepartmentDuties.astro' },
  Acknowledging: { from: 'src/components/Acknowledging.astro' },
  Aside: { from: '@astrojs/starlight/components', named: true },
};

const componentList = Object.keys(POLICY_COMPONENTS).join('、');

export interface DataProblem {
  line: number;
  column: number;
  /** 中文 / English, with what to do. */
  message: string;
}

/** Where an import's source points: a package name as written, a relative path resolved from the page. */
const target = (source: string, page: string, root: string) =>
  source.startsWith('.')
    ? resolve(dirname(page), source)
    : source.startsWith('/')
      ? resolve(root, `.${source}`)
      : source;

/** Whether an ESM block only imports listed components from where they come from (older pages import them). */
function importsOnlyComponents(program: Program | undefined, page: string, root: string): boolean {
  if (!program || program.body.length === 0) return false;
  return program.body.every((statement) => {
    if (statement.type !== 'ImportDeclaration' || typeof statement.source.value !== 'string') return false;
    const source = target(statement.source.value, page, root);
    return statement.specifiers.every((s) => {
      const component = POLICY_COMPONENTS[s.local.name];
      if (!component) return false;
      const from = component.named ? component.from : resolve(root, component.from);
      const asNamed = s.type === 'ImportSpecifier' && 'name' in s.imported && s.imported.name === s.local.name;
      return source === from && (component.named ? asNamed : s.type === 'ImportDefaultSpecifier');
    });
  });
}

/** An expression that runs nothing: `{/* a comment *\/}` or a lone literal (`level={3}`). */
function inert(program: Program | undefined): boolean {
  if (!program) return false;
  if (program.body.length === 0) return true;
  const [only] = program.body;
  return program.body.length === 1 && only?.type === 'ExpressionStatement' && only.expression.type === 'Literal';
}

const estreeOf = (node: { data?: unknown }) => (node.data as { estree?: Program } | undefined)?.estree;

/**
 * Everything in a parsed policy page (remark-parse, with remark-mdx for MDX) that is not data, at
 * its line. `page` is the page's path, `root` the repository's.
 */
export function codeInPage(tree: Root, page: string, root: string): DataProblem[] {
  const problems: DataProblem[] = [];
  const at = (node: Nodes, message: string) =>
    problems.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, message });
  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'mdxjsEsm':
        if (!importsOnlyComponents(estreeOf(node), page, root))
          at(
            node,
            `制度页不能含有 import 或 export（它们是会在构建时运行的代码）；手册组件（${componentList}）无需 import，直接使用 / ` +
              `a policy page cannot import or export (that is code run at build time); use the handbook's components without an import`,
          );
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!inert(estreeOf(node)))
          at(
            node,
            `制度页不能含有 {…} 表达式（它是会在构建时运行的代码）；要写花括号，请写成 \\{ / ` +
              'a policy page cannot hold a {…} expression (code run at build time); write \\{ for a literal brace',
          );
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        if (!node.name || !POLICY_COMPONENTS[node.name])
          at(
            node,
            `制度页只能使用手册组件（${componentList}），不能使用 <${node.name ?? ''}> / ` +
              `a policy page may use the handbook's components only (${Object.keys(POLICY_COMPONENTS).join(', ')}), not <${node.name ?? ''}>`,
          );
        for (const attribute of node.attributes) {
          const value = attribute.type === 'mdxJsxAttribute' ? attribute.value : undefined;
          const expression =
            attribute.type === 'mdxJsxExpressionAttribute'
              ? attribute
              : typeof value === 'object' && value !== null && !inert(estreeOf(value))
                ? value
                : undefined;
          if (expression)
            at(
              node,
              `组件 <${node.name ?? ''}> 的属性只能是文字或数字，不能是表达式 / ` +
                `the attributes of <${node.name ?? ''}> must be text or numbers, not expressions`,
            );
        }
        break;
      }
      case 'html':
        if (!/^<!--[\s\S]*-->\s*$/.test(node.value))
          at(
            node,
            '制度页不能含有 HTML 标签，请改用 Markdown / a policy page cannot hold HTML tags; write it in Markdown',
          );
        return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return problems;
}
