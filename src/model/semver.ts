// Policy versions (semantic versions) in order: compared part by part as numbers, so 1.10.0 comes
// after 1.9.0; a pre-release suffix is not ordered.
export function compareVersions(a: string, b: string): number {
  const x = a.split(/[.-]/).map(Number),
    y = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
