// For tests of what CI does with git: the environment of a fresh runner (no user's or machine's git
// config, no prompt) and the token-demanding git server (git-server.ts) started as a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * A runner's git environment: HOME a folder of the test's with no git identity, no system config,
 * no prompt. What the scripts commit they must name themselves, as on a fresh runner.
 */
export const runnerGitEnv = (home: string) => ({
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
});

/** Serves the bare repositories under `root` on 127.0.0.1 to these tokens; `stop` ends the server. */
export async function startGitServer(
  root: string,
  tokens: Record<string, 'read' | 'write'>,
): Promise<{ port: number; stop: () => void }> {
  const server = spawn('node', [join(import.meta.dirname, 'git-server.ts'), root, JSON.stringify(tokens)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    server.stdout?.once('data', (line: Buffer) => done(Number(/listening (\d+)/.exec(String(line))?.[1])));
    server.once('exit', (code) => fail(new Error(`git server exited with ${code}`)));
  });
  return { port, stop: () => server.stdin?.end() };
}
