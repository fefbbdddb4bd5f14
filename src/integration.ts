// Wires the handbook's own routes (department pages) into the site. They live in src/routes
// rather than a pages/ folder because srcDir is the repository root (see astro.config.mjs).
import type { AstroIntegration } from 'astro';

export function handbookIntegration(): AstroIntegration {
  return {
    name: 'policy-handbook',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/departments', entrypoint: new URL('./routes/departments-index.astro', import.meta.url) });
        injectRoute({ pattern: '/departments/[id]', entrypoint: new URL('./routes/department.astro', import.meta.url) });
        injectRoute({ pattern: '/processes', entrypoint: new URL('./routes/processes-index.astro', import.meta.url) });
        injectRoute({ pattern: '/processes/[id]', entrypoint: new URL('./routes/process.astro', import.meta.url) });
        injectRoute({ pattern: '/forms/[id].docx', entrypoint: new URL('./routes/form.docx.ts', import.meta.url) });
        injectRoute({ pattern: '/search', entrypoint: new URL('./routes/search.astro', import.meta.url) });
        injectRoute({ pattern: '/compliance', entrypoint: new URL('./routes/compliance.astro', import.meta.url) });
        injectRoute({ pattern: '/calendar', entrypoint: new URL('./routes/calendar.astro', import.meta.url) });
        injectRoute({ pattern: '/calendar.ics', entrypoint: new URL('./routes/calendar.ics.ts', import.meta.url) });
        injectRoute({ pattern: '/changes', entrypoint: new URL('./routes/changes.astro', import.meta.url) });
        injectRoute({ pattern: '/changes/[policy]/[version]', entrypoint: new URL('./routes/change.astro', import.meta.url) });
        injectRoute({ pattern: '/changes.xml', entrypoint: new URL('./routes/changes.xml.ts', import.meta.url) });
        injectRoute({ pattern: '/calendar/[id].ics', entrypoint: new URL('./routes/calendar-department.ics.ts', import.meta.url) });
      },
    },
  };
}
