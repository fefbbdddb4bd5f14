// For the tests of the built site: the build's folder, or a failure that names the content
// problem that stopped the build (scripts/test/build-site.ts), instead of a missing file.
import { inject } from 'vitest';

export function builtSite(): string {
  const error = inject('buildError');
  if (error) throw new Error(`the site did not build, so this test cannot run:\n${error}`);
  return inject('distDir');
}
