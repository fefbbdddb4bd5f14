// Wires the handbook into Astro: its own routes (department pages, processes, the compliance
// report…), which live in src/routes rather than a pages/ folder because srcDir is the repository
// root (see astro.config.mjs), and the content loaded once per build.
//
// The content (organisation config, policy pages, processes, forms) is loaded and validated once,
// by loadHandbookContent() called from astro.config.mjs (the sidebar needs it there), and page
// code and the content collections' schema read it from the virtual module
// `virtual:handbook/content`, as Starlight hands its config to its components: parsing and
// validating 2,000 pages' frontmatter again in page code would cost the build seconds. In the dev
// server, a change to any of it reloads it.
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { loadOrganization, loadPolicies, type PolicyFile } from './model/load.ts';
import { loadForms, loadProcesses } from './process/load.ts';
import type { Organization } from './schema/index.ts';
import type { Form, Process } from './schema/process.ts';
import { obligationRules } from '../checks/rules/index.ts';

const VIRTUAL = 'virtual:handbook/content';
const RESOLVED = `\0${VIRTUAL}`;

export interface HandbookContent {
  org: Organization;
  policies: PolicyFile[];
  processes: Process[];
  forms: Form[];
}

/** Everything the site publishes, validated: fails naming the file, the field and what is expected. */
export function loadHandbookContent(): HandbookContent {
  const org = loadOrganization();
  const policies = loadPolicies(org, obligationRules);
  const forms = loadForms();
  return { org, policies, forms, processes: loadProcesses(org, policies, undefined, forms) };
}

/** The files whose change changes the content (pages, the organisation config, processes, forms). */
export const isContentFile = (file: string) =>
  /[\\/]content[\\/](docs[\\/].*\.mdx?|organization\.yaml|(processes|forms)[\\/][^\\/]*\.ya?ml)$/.test(file);

function contentPlugin(initial: HandbookContent): Plugin {
  let content = initial;
  return {
    name: 'policy-handbook:content',
    // Hook filters: the bundler calls these two only for the virtual module's id, not (across its
    // Rust/JavaScript boundary) for every import of every page.
    resolveId: { filter: { id: new RegExp(`^${VIRTUAL}$`) }, handler: () => RESOLVED },
    load: {
      filter: { id: new RegExp(`^\\0${VIRTUAL}$`) },
      handler: () => `export default ${JSON.stringify(content)};`,
    },
    configureServer(server) {
      const reload = (file: string) => {
        if (!isContentFile(file)) return;
        try {
          content = loadHandbookContent();
        } catch (error) {
          // The same message the build would stop with; the pages keep the last good content.
          server.config.logger.error((error as Error).message);
          return;
        }
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (module) server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', reload).on('add', reload).on('unlink', reload);
    },
  };
}

export function handbookIntegration(content: HandbookContent): AstroIntegration {
  return {
    name: 'policy-handbook',
    hooks: {
      'astro:config:setup': ({ injectRoute, updateConfig }) => {
        updateConfig({ vite: { plugins: [contentPlugin(content)] } });
        injectRoute({ pattern: '/chapters/[number]', entrypoint: new URL('./routes/chapter.astro', import.meta.url) });
        injectRoute({
          pattern: '/departments',
          entrypoint: new URL('./routes/departments-index.astro', import.meta.url),
        });
        injectRoute({
          pattern: '/departments/[id]',
          entrypoint: new URL('./routes/department.astro', import.meta.url),
        });
        injectRoute({ pattern: '/processes', entrypoint: new URL('./routes/processes-index.astro', import.meta.url) });
        injectRoute({ pattern: '/processes/[id]', entrypoint: new URL('./routes/process.astro', import.meta.url) });
        injectRoute({ pattern: '/forms', entrypoint: new URL('./routes/forms-index.astro', import.meta.url) });
        injectRoute({ pattern: '/forms/[id]', entrypoint: new URL('./routes/form.astro', import.meta.url) });
        injectRoute({ pattern: '/forms/[id].docx', entrypoint: new URL('./routes/form.docx.ts', import.meta.url) });
        injectRoute({ pattern: '/search', entrypoint: new URL('./routes/search.astro', import.meta.url) });
        injectRoute({
          pattern: '/compliance/[dept]/[...page]',
          entrypoint: new URL('./routes/compliance-department.astro', import.meta.url),
        });
        injectRoute({ pattern: '/compliance', entrypoint: new URL('./routes/compliance.astro', import.meta.url) });
        injectRoute({ pattern: '/calendar', entrypoint: new URL('./routes/calendar.astro', import.meta.url) });
        injectRoute({
          pattern: '/calendar/[month]/[...page]',
          entrypoint: new URL('./routes/calendar-month.astro', import.meta.url),
        });
        injectRoute({ pattern: '/calendar.ics', entrypoint: new URL('./routes/calendar.ics.ts', import.meta.url) });
        injectRoute({ pattern: '/changes/[...page]', entrypoint: new URL('./routes/changes.astro', import.meta.url) });
        injectRoute({
          pattern: '/changes/[policy]/[version]',
          entrypoint: new URL('./routes/change.astro', import.meta.url),
        });
        injectRoute({ pattern: '/changes.xml', entrypoint: new URL('./routes/changes.xml.ts', import.meta.url) });
        injectRoute({
          pattern: '/calendar/[id].ics',
          entrypoint: new URL('./routes/calendar-department.ics.ts', import.meta.url),
        });
      },
    },
  };
}
