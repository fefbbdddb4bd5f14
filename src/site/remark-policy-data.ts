// The build's half of "a policy page is data" (src/model/page-data.ts; the content lint is the
// other): a remark plugin that stops the build at a policy page holding code, with the page's
// lines, so no path around the lint runs a page's code; and that hands every policy page the
// handbook's components it uses, so that none needs an import.
import type { Program } from 'estree';
import type { Root } from 'mdast';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { dirname, relative, resolve, sep } from 'node:path';
import { POLICY_COMPONENTS, codeInPage } from '../model/page-data.ts';

interface Options {
  /** The folder of the policy pages (content/docs/policies). */
  policiesDir: string;
  /** The repository root, where the components live. */
  root: string;
}

/** The names an ESM block of the page imports. */
function imported(tree: Root): Set<string> {
  const names = new Set<string>();
  for (const node of tree.children)
    if (node.type === 'mdxjsEsm')
      for (const s of (node.data as { estree?: Program } | undefined)?.estree?.body ?? [])
        if (s.type === 'ImportDeclaration') for (const spec of s.specifiers) names.add(spec.local.name);
  return names;
}

/** The names of the listed components the page uses. */
function used(tree: Root): Set<string> {
  const names = new Set<string>();
  const visit = (node: { type: string; name?: string | null; children?: unknown[] }) => {
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      node.name &&
      POLICY_COMPONENTS[node.name]
    )
      names.add(node.name);
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree as never);
  return names;
}

/** `import Name from '…'` as the MDX compiler takes it: the text and its estree. */
function importNode(name: string, source: string, named: boolean): MdxjsEsm {
  const local = { type: 'Identifier' as const, name };
  const program: Program = {
    type: 'Program',
    sourceType: 'module',
    body: [
      {
        type: 'ImportDeclaration',
        specifiers: [
          named ? { type: 'ImportSpecifier', imported: local, local } : { type: 'ImportDefaultSpecifier', local },
        ],
        source: { type: 'Literal', value: source, raw: JSON.stringify(source) },
        attributes: [],
      },
    ],
  };
  const value = named
    ? `import { ${name} } from ${JSON.stringify(source)};`
    : `import ${name} from ${JSON.stringify(source)};`;
  return { type: 'mdxjsEsm', value, data: { estree: program } };
}

export default function remarkPolicyData(options: Options) {
  const policiesDir = resolve(options.policiesDir) + sep;
  return (tree: Root, file: { path?: string }) => {
    if (!file.path || !resolve(file.path).startsWith(policiesDir)) return;
    const page = resolve(file.path);
    const problems = codeInPage(tree, page, options.root);
    if (problems.length)
      throw new Error(
        `制度页含有代码，不能构建 / a policy page holds code and is not built:\n${problems
          .map((p) => `${relative(options.root, page)}:${p.line}:${p.column}: ${p.message}`)
          .join('\n')}`,
      );
    if (!page.endsWith('.mdx')) return;
    const have = imported(tree);
    for (const name of used(tree)) {
      if (have.has(name)) continue;
      const { from, named } = POLICY_COMPONENTS[name]!;
      const source = named ? from : relative(dirname(page), resolve(options.root, from)).split(sep).join('/');
      tree.children.unshift(importNode(name, source.startsWith('.') || named ? source : `./${source}`, !!named));
    }
  };
}
