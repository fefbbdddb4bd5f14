// The organisation config and the policy pages, loaded and validated once per build by
// astro.config.mjs and handed to page code by the handbook integration (src/integration.ts).
declare module 'virtual:handbook/content' {
  const content: { org: import('../schema/index.ts').Organization; policies: import('../model/load.ts').PolicyFile[] };
  export default content;
}
