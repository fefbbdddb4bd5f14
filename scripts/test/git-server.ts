// A git server for tests that asks what GitHub and GitLab ask: git's smart HTTP protocol
// (`git http-backend`, git's own CGI program) on 127.0.0.1 behind a token check on every request.
// A token is "read" (may fetch: GitLab's job token, a read-only GitHub token) or "write" (may push
// too). No token, or an unknown one: 401 with a Basic challenge, as the hosted services answer;
// a read token pushing: 403. Written by hand because no npm package serves git over HTTP with
// http-backend's exact protocol; the part that speaks git is git's own.
//
// Run as a child process (`node scripts/test/git-server.ts <root> <tokens JSON>`): the scripts
// under test call git synchronously, which would block a server in the same process. It prints
// `listening <port>` when ready and stops when its standard input closes.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

const [root, tokensJson] = process.argv.slice(2);
if (!root || !tokensJson) {
  process.stderr.write('usage: node scripts/test/git-server.ts <project root> <{"token":"read"|"write"} JSON>\n');
  process.exit(2);
}
const tokens = JSON.parse(tokensJson) as Record<string, 'read' | 'write'>;

/** The token in an Authorization header: Basic user:token (any user), or Bearer token. */
function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme ?? '')) return value;
  if (!/^basic$/i.test(scheme ?? '')) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const access = tokens[tokenOf(req.headers.authorization) ?? ''];
  if (!access) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
    res.end('HTTP Basic: Access denied\n');
    return;
  }
  const pushing = url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack');
  if (pushing && access !== 'write') {
    res.writeHead(403, { 'Content-Type': 'text/plain' });
    res.end('You are not allowed to push code to this project.\n');
    return;
  }
  const cgi = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      // http-backend lets only an authenticated user push.
      REMOTE_USER: 'token',
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    },
  });
  req.pipe(cgi.stdin);
  // CGI output: header lines, a blank line, the body.
  let head = Buffer.alloc(0);
  let started = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (started) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (/^status$/i.test(name)) status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    started = true;
    res.write(head.subarray(end + 4));
  });
  cgi.stdout.on('end', () => res.end());
  cgi.stderr.on('data', (chunk) => process.stderr.write(chunk));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
