// remark-join-cjk-lines ships no types: it is a unified plugin without options.
declare module 'remark-join-cjk-lines' {
  import type { Plugin } from 'unified';
  const remarkJoinCjkLines: Plugin<[], import('mdast').Root>;
  export default remarkJoinCjkLines;
}
