/** The check could not run: the message says what to fix. The CLI exits with 2. */
export class CheckError extends Error {
  override name = 'CheckError';
}
