// The sidebar of a large handbook, page by page (a Starlight route middleware). The configured
// sidebar (astro.config.mjs) lists each chapter as one link: to its page, or to the index of its
// pages when it holds several. On a page of such a chapter, that link opens into the chapter: its
// lead page, the pages around this one and a link to all of them. So a page carries the same few
// dozen links whether the handbook has 10 pages or 10,000, where stock Starlight would give every
// page a link to every other (HANDBOOK_NAV=stock builds that, for npm run bench:build).
// Previous and next follow every published policy in chapter order, as a reader turns pages.
// The sidebar is Starlight's own component, so keyboard, screen reader and phone use are Starlight's.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { chapterNavigation } from '../model/chapter-nav.ts';
import { chapters } from './data.ts';

const navigate = chapterNavigation(chapters);

export const onRequest = defineRouteMiddleware((context) => navigate(context.locals.starlightRoute));
