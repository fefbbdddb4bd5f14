// Bytes → text for CSV and NDJSON exports. Excel in China saves CSV as GB18030/GBK without a BOM,
// other tools as UTF-8 with or without one; the encoding is detected from the first bytes and the
// whole file is decoded as a stream, so a character split across two chunks is never corrupted.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

const SAMPLE = 64 * 1024;

/** Detects the encoding of a file from its first bytes. */
export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // stream: true lets a multi-byte character cut off at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, SAMPLE), { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function decoderFor(encoding: Encoding): Decoder {
  if (encoding === 'gb18030') {
    const d = iconv.getDecoder('gb18030');
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // ignoreBOM: false strips a leading BOM.
  const d = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

export interface DecodeStats {
  encoding: Encoding;
  bytes: number;
  /** U+FFFD characters produced: bytes that were not valid in the detected encoding. */
  replacements: number;
}

/** Streams a file as decoded text chunks. */
export async function* readText(path: string, stats: Partial<DecodeStats>, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  let decoder: Decoder | undefined;
  stats.bytes = 0;
  stats.replacements = 0;
  const count = (text: string) => {
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) stats.replacements!++;
    return text;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!decoder) {
      stats.encoding = detectEncoding(chunk);
      decoder = decoderFor(stats.encoding);
    }
    stats.bytes += chunk.length;
    onBytes?.(stats.bytes);
    const text = decoder.write(chunk);
    if (text) yield count(text);
  }
  stats.encoding ??= 'utf-8';
  const rest = decoder?.end();
  if (rest) yield count(rest);
}
