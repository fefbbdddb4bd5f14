// The impact preview on a GitLab merge request: one note, the bot's own, created on the first
// pipeline and updated on each push (.gitlab-ci.yml's impact job calls this after npm run impact).
// Without a token it prints the preview into the job log and says how to have it as a note.
//
//   node scripts/merge-request-note.ts <preview.md>
//
// GitLab's REST API (Notes API, /projects/:id/merge_requests/:iid/notes) with the predefined
// CI_API_V4_URL, CI_PROJECT_ID and CI_MERGE_REQUEST_IID, and IMPACT_NOTE_TOKEN: a project access
// token with the api scope (the job token may not write notes). Plain fetch: GitLab publishes no
// official Node SDK, and four calls need none.
import { readFileSync } from 'node:fs';

export const MARKER = '<!-- impact-preview -->';
/** GitLab refuses a note over 1,000,000 characters; the whole preview stays in the job's artifact. */
export const NOTE_LIMIT = 1_000_000;

interface Note {
  id: number;
  body: string;
  author?: { id: number };
}

export class NoteError extends Error {}

/** The note's body: the marker, then the preview, cut to GitLab's limit with a word on where the rest is. */
export function noteBody(preview: string, jobUrl = ''): string {
  const room = NOTE_LIMIT - MARKER.length - 200;
  const text =
    preview.length > room
      ? `${preview.slice(0, room)}\n\n…（影响预览过长，已截断；全文见${jobUrl ? `[作业的 impact.md 工件](${jobUrl}/artifacts/browse)` : '作业的 impact.md 工件'}）\n`
      : preview;
  return `${MARKER}\n${text}`;
}

/** Creates the bot's note on the merge request, or updates the one it made before. */
export async function postNote(options: {
  api: string;
  project: string;
  mergeRequest: string;
  token: string;
  body: string;
}): Promise<'created' | 'updated'> {
  const headers = { 'PRIVATE-TOKEN': options.token, 'Content-Type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${options.api}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new NoteError(
        `GitLab answered ${response.status} ${response.statusText} to ${method} ${path}` +
          (response.status === 401 || response.status === 403
            ? ': IMPACT_NOTE_TOKEN must be a project access token with the api scope'
            : ''),
      );
    return response;
  };
  const me = (await (await call('GET', '/user')).json()) as { id: number };
  const notes = `/projects/${encodeURIComponent(options.project)}/merge_requests/${encodeURIComponent(options.mergeRequest)}/notes`;
  // Only the note this token's user wrote with the marker, never someone else's starting with it.
  let page: string | null = '1';
  while (page) {
    const response = await call('GET', `${notes}?per_page=100&page=${page}`);
    const mine = ((await response.json()) as Note[]).find((n) => n.author?.id === me.id && n.body.startsWith(MARKER));
    if (mine) {
      await call('PUT', `${notes}/${mine.id}`, { body: options.body });
      return 'updated';
    }
    page = response.headers.get('x-next-page') || null;
  }
  await call('POST', notes, { body: options.body });
  return 'created';
}

if (import.meta.main) {
  const [file] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node scripts/merge-request-note.ts <preview.md>\n');
    process.exit(2);
  }
  const preview = readFileSync(file, 'utf8');
  const env = process.env;
  if (!env.IMPACT_NOTE_TOKEN) {
    process.stdout.write(
      `${preview}\n（设置 CI/CD 变量 IMPACT_NOTE_TOKEN 后，影响预览会作为评论发在合并请求上 / set IMPACT_NOTE_TOKEN to have it as a merge request note）\n`,
    );
  } else if (!env.CI_API_V4_URL || !env.CI_PROJECT_ID || !env.CI_MERGE_REQUEST_IID) {
    process.stderr.write('merge-request-note: not in a merge request pipeline (CI_MERGE_REQUEST_IID is not set)\n');
    process.exit(2);
  } else {
    try {
      const result = await postNote({
        api: env.CI_API_V4_URL,
        project: env.CI_PROJECT_ID,
        mergeRequest: env.CI_MERGE_REQUEST_IID,
        token: env.IMPACT_NOTE_TOKEN,
        body: noteBody(preview, env.CI_JOB_URL),
      });
      process.stdout.write(`impact preview ${result} as a note on merge request !${env.CI_MERGE_REQUEST_IID}\n`);
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      process.stderr.write(`merge-request-note: ${error.message}\n`);
      process.exit(1);
    }
  }
}
