// A page's words as a reader reads them, and whether a quote is among them: the loader holds an
// obligation's quote to its page, and the checker tells whether an article's words were the same
// in an earlier version (then a new reading of them is a correction, not a change). No
// dependencies: the checker loads it.

/** A page's text after its frontmatter as a reader reads it: no imports, tags, markup, list numbers or whitespace. */
export function wordsOf(body: string): string {
  return body
    .replace(/^(import|export) .*$/gm, '')
    .replace(/<[^>]*>/g, '')
    .replace(/[*_`#>|]|^\s*\d+\.\s/gm, '')
    .replace(/\s+/g, '');
}

/**
 * Whether a quote is the page's words: whitespace aside, each part of it between "……" (words left
 * out, or a company setting the page renders in their place) found in order.
 */
export function quoted(words: string, quote: string): boolean {
  let at = 0;
  for (const part of quote.replace(/\s+/g, '').split('……')) {
    const found = words.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return true;
}
