// Imports run one way: the policy model (src/schema, src/model) at the bottom; the checker (checks/)
// and the site (the rest of src/) above it; scripts and tests on top. The registry of rules is
// handed down by the layer above (see checks/rules/index.ts), so nothing below imports it.
// Run by `npm run lint` and by tests/architecture.test.ts. TypeScript 7 has no compiler API yet,
// so the sources are parsed with swc; type-only imports count too (tsPreCompilationDeps).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not import, directly or through others, a module that imports it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-is-the-ground-floor',
      severity: 'error',
      comment: 'The policy model (schema, dates, loading) imports nothing of the checker, the site or the scripts.',
      from: { path: '^src/(schema|model)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(checks|scripts|tests)/|^src/(?!schema/|model/)' },
    },
    {
      name: 'checker-below-site',
      severity: 'error',
      comment: 'The checker stands on the model only: it never imports the site, the scripts or the tests.',
      from: { path: '^checks/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(scripts|tests)/|^src/(?!schema/|model/)' },
    },
    {
      name: 'rules-know-no-engine-internals',
      severity: 'error',
      comment: 'A rule sees the contract (checks/engine/rule.ts) and the model, never how rows are read or judged.',
      from: { path: '^checks/rules/', pathNot: '\\.test\\.ts$|/fixture\\.ts$' },
      to: { path: '^checks/(read|report)/|^checks/engine/(?!rule\\.ts)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.cache|dist|\\.astro)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
