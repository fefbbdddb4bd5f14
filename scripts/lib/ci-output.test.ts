import { describe, expect, it } from 'vitest';
import { codeQualityReport, githubAnnotation } from './ci-output.ts';

const problem = {
  file: 'content/docs/policies/03-planning.mdx',
  line: 8,
  column: 1,
  rule: 'schema',
  severity: 'error' as const,
  message: 'owner: unknown department "销售"',
};

describe('problems told to a CI service', () => {
  it('GitHub: an annotation at the file and line; text from content cannot start a command of its own', () => {
    expect(githubAnnotation(problem)).toBe(
      '::error file=content/docs/policies/03-planning.mdx,line=8,col=1,title=schema::owner: unknown department "销售"\n',
    );
    const crafted = githubAnnotation({
      ...problem,
      file: 'a,line=1::x.mdx',
      message: 'owner: "x"\n::add-mask::secret\r\n::error file=README.md::forged 100%',
    });
    // One line, the only command its own; the newlines and the property delimiters are escaped.
    expect(crafted.trimEnd().split('\n')).toHaveLength(1);
    expect(crafted).toBe(
      '::error file=a%2Cline=1%3A%3Ax.mdx,line=8,col=1,title=schema::owner: "x"%0A::add-mask::secret%0D%0A::error file=README.md::forged 100%25\n',
    );
  });

  it('GitLab: a Code Quality issue per problem, on its line, with a fingerprint that survives a moved line', () => {
    const report = JSON.parse(codeQualityReport([problem, { ...problem, severity: 'warning', rule: 'typography' }]));
    expect(report).toEqual([
      {
        description: problem.message,
        check_name: 'schema',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: 'major',
        location: { path: problem.file, lines: { begin: 8 } },
      },
      expect.objectContaining({ check_name: 'typography', severity: 'minor' }),
    ]);
    const moved = JSON.parse(codeQualityReport([{ ...problem, line: 12 }]));
    expect(moved[0].fingerprint).toBe(report[0].fingerprint);
    // The same problem twice in a file: two issues, two fingerprints.
    const twice = JSON.parse(codeQualityReport([problem, problem]));
    expect(twice[0].fingerprint).not.toBe(twice[1].fingerprint);
  });
});
