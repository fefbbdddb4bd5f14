// What the content lint says to a CI service, in the form each one reads: GitHub's workflow
// commands (annotations on the changed file's line) and GitLab's Code Quality report (the merge
// request shows each problem on its line). Text from the content is escaped for each, so a value
// in a page can never become a command the runner obeys.
import { createHash } from 'node:crypto';

export interface CiProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  rule: string;
  severity: 'error' | 'warning';
}

/** A workflow command's message: %, CR and LF escaped as GitHub's runner unescapes them. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,`, which would end the value. */
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error file=…,line=…::message` (or `::warning`) line for GitHub Actions. */
export function githubAnnotation(p: CiProblem): string {
  const props = [
    `file=${escapeProperty(p.file)}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `title=${escapeProperty(p.rule)}`,
  ].join(',');
  return `::${p.severity} ${props}::${escapeData(p.message)}\n`;
}

/**
 * GitLab's Code Quality report (a JSON array in the CodeClimate format GitLab documents): one
 * issue per problem, its fingerprint stable while the problem stays, whatever line it moves to.
 */
export function codeQualityReport(problems: CiProblem[]): string {
  const seen = new Map<string, number>();
  const issues = problems.map((p) => {
    const key = `${p.rule}\u0000${p.file}\u0000${p.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      description: p.message,
      check_name: p.rule,
      fingerprint: createHash('sha256').update(`${key}\u0000${n}`).digest('hex'),
      severity: p.severity === 'error' ? 'major' : 'minor',
      location: { path: p.file, lines: { begin: p.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
