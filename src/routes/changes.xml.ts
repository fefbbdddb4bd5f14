// The policies' newest changes as an Atom feed, made with the `feed` library: the newest FEED_ITEMS
// (a reader polls for what is new; every change is on /changes/).
import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { org } from '../site/data.ts';
import { changeFacts, changes, wordsUnchanged } from '../site/changes.ts';
import { escapeHtml } from '../../checks/report/html.ts';

const FEED_ITEMS = 100;

export const GET: APIRoute = () => {
  const feed = new Feed({
    title: `${org.name} 运营管理制度 · 修订动态`,
    id: `${org.handbook.url}/changes/`,
    link: `${org.handbook.url}/changes/`,
    language: 'zh-CN',
    copyright: org.name,
    updated: changes[0] ? new Date(`${changes[0].date}T00:00:00Z`) : new Date(0),
    feedLinks: { atom: `${org.handbook.url}/changes.xml` },
  });
  for (const c of changes.slice(0, FEED_ITEMS)) {
    const link = `${org.handbook.url}${c.href ?? `/${c.slug}/`}`;
    // The library writes title and summary as HTML: the text is escaped so that it stays text.
    feed.addItem({
      title: escapeHtml(`${c.policyId} ${c.title} ${c.version}`),
      id: `${org.handbook.url}/${c.slug}/#${c.version}`,
      link,
      date: new Date(`${c.date}T00:00:00Z`),
      // As 修订动态 says it: a proposal or a correction marked, the values changed in the policy's words.
      description: escapeHtml(
        [
          c.pending ? '【提案，待批准】' : wordsUnchanged(c) ? '【条文未改】' : '',
          c.summary,
          ...changeFacts(c).map((f) => `${f}。`),
        ].join(''),
      ),
    });
  }
  return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
