// The organisation config, the policy pages, the processes and the forms, loaded and validated
// once per build by astro.config.mjs and handed to page code by the handbook integration
// (src/integration.ts).
declare module 'virtual:handbook/content' {
  const content: import('../integration.ts').HandbookContent;
  export default content;
}
