// The build's half of "a policy page is data", through the MDX compiler the site's pages go through.
import { compile } from '@mdx-js/mdx';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../model/root.ts';
import remarkPolicyData from './remark-policy-data.ts';

const policiesDir = join(repoRoot, 'content/docs/policies');
const build = (text: string, path = join(policiesDir, 'test.mdx')) =>
  compile(new VFile({ path, value: text }), {
    remarkPlugins: [[remarkPolicyData, { policiesDir, root: repoRoot }]],
  }).then(String);

describe('the build refuses a policy page that holds code', () => {
  it('an export and an expression stop it, naming the page and the lines', async () => {
    const error = await build('# 标题\n\nexport const x = 1;\n\n值：{x}\n').catch((e: Error) => e);
    expect(String(error)).toContain('content/docs/policies/test.mdx:3:1: 制度页不能含有 import 或 export');
    expect(String(error)).toContain('content/docs/policies/test.mdx:5:3: 制度页不能含有 {…} 表达式');
  });

  it('hands a page the components it uses without an import, and keeps one it imports itself', async () => {
    const js = await build(
      'import Flowchart from \'../../../src/components/Flowchart.astro\';\n\n<Param deadline="meeting-minutes" />\n\n<Aside>注意</Aside>\n\n<Flowchart process="x" />\n',
    );
    expect(js).toContain('import Param from "../../../src/components/Param.astro"');
    expect(js).toContain('import {Aside} from "@astrojs/starlight/components"');
    expect(js.match(/import Flowchart/g)).toHaveLength(1);
  });

  it('leaves a page that is not a policy page (the home page, the reference) as it is', async () => {
    const js = await build('export const x = 1;\n\n{x}\n', join(repoRoot, 'content/docs/index.mdx'));
    expect(js).toContain('export const x = 1');
  });
});
