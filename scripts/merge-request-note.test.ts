// The impact note against a stand-in for GitLab's Notes API on 127.0.0.1 that answers as GitLab
// documents it (docs.gitlab.com/api/notes/: GET /user; GET, POST and PUT
// /projects/:id/merge_requests/:iid/notes; pages by x-next-page) and demands the token.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER, NOTE_LIMIT, noteBody, postNote } from './merge-request-note.ts';

const TOKEN = 'glpat-test-token';
const BOT = { id: 42, username: 'project_7_bot' };
interface Note {
  id: number;
  body: string;
  author: { id: number; username: string };
}
let notes: Note[] = [];
let server: Server;
let api = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    if (req.headers['private-token'] !== TOKEN) return send(401, { message: '401 Unauthorized' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (url.pathname === '/api/v4/user') return send(200, BOT);
      const m = /^\/api\/v4\/projects\/7\/merge_requests\/3\/notes(?:\/(\d+))?$/.exec(url.pathname);
      if (!m) return send(404, { message: '404 Not Found' });
      if (req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const per = Number(url.searchParams.get('per_page') ?? 20);
        const next = page * per < notes.length ? String(page + 1) : '';
        return send(200, notes.slice((page - 1) * per, page * per), { 'x-next-page': next });
      }
      const text = JSON.parse(body).body as string;
      if (req.method === 'POST') {
        const note = { id: notes.length + 1000, body: text, author: BOT };
        notes.push(note);
        return send(201, note);
      }
      const note = notes.find((n) => n.id === Number(m[1]));
      if (req.method === 'PUT' && note) {
        note.body = text;
        return send(200, note);
      }
      send(404, { message: '404 Not found' });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v4`;
});
afterAll(() => server.close());

const post = (body: string, token = TOKEN) => postNote({ api, project: '7', mergeRequest: '3', token, body });

describe('the impact preview as a merge request note', () => {
  it('creates one note, then updates it on the next push, past 100 other notes and not touching a note someone else started with the marker', async () => {
    const someone = { id: 7, username: 'zhang.wei' };
    notes = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `评论 ${i}`, author: someone }));
    notes.push({ id: 999, body: `${MARKER}\n伪造的预览`, author: someone });
    expect(await post(noteBody('逾期 2 → 0'))).toBe('created');
    expect(await post(noteBody('逾期 2 → 1'))).toBe('updated');
    const mine = notes.filter((n) => n.author.id === BOT.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toBe(`${MARKER}\n逾期 2 → 1`);
    expect(notes.find((n) => n.id === 999)?.body).toBe(`${MARKER}\n伪造的预览`);
  });

  it("a preview over GitLab's limit is cut, and says where the whole of it is", () => {
    const body = noteBody('行\n'.repeat(NOTE_LIMIT), 'https://gitlab.example.com/g/p/-/jobs/9');
    expect(body.length).toBeLessThanOrEqual(NOTE_LIMIT);
    expect(body).toContain('影响预览过长，已截断');
    expect(body).toContain('https://gitlab.example.com/g/p/-/jobs/9/artifacts/browse');
  });

  it('a token GitLab refuses: a clear error naming the scope it needs, never the token', async () => {
    const error = await post('x', 'wrong-token').catch((e: Error) => e);
    expect(String(error)).toMatch(/401.*project access token with the api scope/);
    expect(String(error)).not.toContain('wrong-token');
  });
});
