// File-name patterns of records.yaml (`审批*.csv`, `会议?.xlsx`): `*` any run of characters, `?` any
// one, everything else itself. Written here because the library matchers (node:path matchesGlob,
// picomatch, minimatch) backtrack: a pattern with many `*` took exponential time on a long name.
// This is the greedy two-pointer match, linear in name × pattern at worst; a records.yaml names
// files in one folder, so the path features of those libraries (**, /, braces) are not needed.

/** Whether `name` matches `pattern` (`*`, `?`; case as written). */
export function matchesName(name: string, pattern: string): boolean {
  const n = [...name];
  const p = [...pattern];
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < n.length) {
    if (j < p.length && (p[j] === '?' || p[j] === n[i])) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      mark = i;
    } else if (star !== -1) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}
