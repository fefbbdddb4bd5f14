// The content lint's check of the words around a <Param>: the value it renders must not repeat the
// words written just before it. `评估后<Param deadline="evaluation-feedback" event="评估" form="short" />`
// reads 评估后评估后 7 个日历日内 on the page, because the short form already begins with its event.
// The sentence is only visible rendered, so the check renders each <Param> with the organisation
// config (src/model/param-text.ts) and compares.
import type { Nodes } from 'mdast';
import { pageBody } from '../../src/model/load.ts';
import { paramText } from '../../src/model/param-text.ts';
import { mdxProcessor, paramProps } from '../../src/model/rendered-text.ts';
import type { Organization } from '../../src/schema/index.ts';

export interface ParamWordsProblem {
  line: number;
  column: number;
  message: string;
}

/** Each <Param> in `text` (a page, frontmatter included) whose rendered value repeats the words before it. */
export function paramWordProblems(text: string, org: Organization): ParamWordsProblem[] {
  const { body, lines: offset } = pageBody(text);
  const problems: ParamWordsProblem[] = [];
  const walk = (node: Nodes) => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    children.forEach((child, i) => {
      const before = children[i - 1];
      if (child.type === 'mdxJsxTextElement' && child.name === 'Param' && before?.type === 'text') {
        let value: string;
        try {
          value = paramText(org, paramProps(child));
        } catch {
          return; // an unknown key is the build's error, with its own message
        }
        // The longest run of words (2 to 6 characters) the text before ends with and the value begins with.
        for (let n = 6; n >= 2; n--) {
          const tail = before.value.slice(-n);
          if (tail.length === n && value.startsWith(tail)) {
            problems.push({
              line: (child.position?.start.line ?? 1) + offset,
              column: child.position?.start.column ?? 1,
              message: `“${tail}”重复：<Param> 显示为“${value}”，前面已写“${tail}”，请删去其一 / the words before <Param> repeat the start of its value ("${value}")`,
            });
            break;
          }
        }
      }
      walk(child);
    });
  };
  try {
    walk(mdxProcessor.parse(body));
  } catch {
    // MDX that does not parse is the build's error
  }
  return problems;
}
