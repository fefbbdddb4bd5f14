// Bytes → UTF-8 for CSV and NDJSON exports. Excel in China saves CSV as GB18030/GBK without a BOM,
// other tools as UTF-8 with or without one; the encoding is detected from the first bytes and the
// whole file is decoded as a stream, so a character split across two chunks is never corrupted.
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
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

/**
 * The encoding of an open file whose first `n` bytes are in `head`. Where those are all ASCII
 * (an export whose first 64 KB are ids, dates and numbers), they decide nothing: the decision is
 * made on 64 KB from the first byte that is not ASCII, so a GBK file is not read as UTF-8 and its
 * Chinese rows rejected as mojibake.
 */
export function detectFileEncoding(fd: number, head: Uint8Array, n: number): Encoding {
  const first = detectEncoding(head.subarray(0, n));
  if (first !== 'utf-8' || n < SAMPLE || !isAscii(head.subarray(0, n))) return first;
  const buf = Buffer.allocUnsafe(SAMPLE);
  for (let position = n; ; ) {
    const m = readSync(fd, buf, 0, SAMPLE, position);
    if (m === 0) return 'utf-8';
    const i = buf.subarray(0, m).findIndex((b) => b >= 0x80);
    if (i !== -1) {
      // Preceded by ASCII, the byte at i starts a character in either encoding. GB18030 only when
      // the window is not UTF-8 and is GB18030: a UTF-8 file with a stray bad byte stays UTF-8.
      const k = readSync(fd, buf, 0, SAMPLE, position + i);
      const window = buf.subarray(0, k);
      return detectEncoding(window) === 'utf-8' || !isGb18030(window) ? 'utf-8' : 'gb18030';
    }
    position += m;
  }
}

/** Node built with full ICU (the official builds) decodes GB18030 natively, much faster than iconv-lite. */
const hasIcuGb18030 = (() => {
  try {
    return new TextDecoder('gb18030').decode(new Uint8Array([0xd4, 0xcb])) === '运';
  } catch {
    return false;
  }
})();

/** Whether bytes decode as GB18030 without an error (a character cut off at the end may pass). */
function isGb18030(bytes: Uint8Array): boolean {
  if (!hasIcuGb18030) return !iconv.decode(Buffer.from(bytes), 'gb18030').slice(0, -1).includes('\uFFFD');
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function decoderFor(encoding: Encoding): Decoder {
  if (encoding === 'gb18030' && !hasIcuGb18030) {
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

/** Encodings a file can be read in parts of (see readUtf8's range). */
export const splittable = (encoding: Encoding) =>
  encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'gb18030';

/** The text of the first bytes of a file (a sample: a character cut off at the end is dropped). */
export function decodeSample(bytes: Uint8Array, encoding: Encoding): string {
  const decoder = decoderFor(encoding);
  return decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Where readUtf8 puts bytes: the CSV tokenizer, which owns the buffer. */
export interface ByteSink {
  reserve(min: number): { buffer: Buffer; offset: number; length: number };
  commit(n: number): void;
}

const CHUNK = 1 << 20;

/** U+FFFD produced by decoding invalid bytes, not counting real U+FFFD characters (EF BF BD). */
function invalidSequences(bytes: Uint8Array): number {
  let count = 0;
  const text = new TextDecoder().decode(bytes);
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  for (let i = 0; i + 2 < bytes.length; i++)
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count--;
  return count;
}

/** Length of [0, n) that ends on a character boundary (at most three bytes of a started character held back). */
function completeLength(b: Uint8Array, s: number, n: number): number {
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[s + n - k]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) return (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > k ? n - k : n;
  }
  return n;
}

/**
 * Streams a file into `sink` as UTF-8. A UTF-8 file is read straight into the sink's buffer, and
 * only checked (simdutf, through isUtf8) so invalid bytes are counted; other encodings are decoded
 * as a stream and re-encoded, so a character split between two reads is never corrupted.
 */
export function readUtf8(
  path: string,
  sink: ByteSink,
  stats: Partial<DecodeStats>,
  onBytes?: (bytes: number) => void,
  /**
   * Only bytes [start, end), going on past `end` if pastEnd() says so when it is reached. For UTF-8
   * and GB18030, whose multi-byte characters never contain the newline byte, so a part that starts
   * at a line start decodes on its own.
   */
  range?: { start: number; end: number; pastEnd: () => boolean },
): void {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.allocUnsafe(SAMPLE);
    const headLength = readSync(fd, head, 0, SAMPLE, 0);
    const encoding = (stats.encoding = headLength === 0 ? 'utf-8' : detectFileEncoding(fd, head, headLength));
    stats.bytes = 0;
    stats.replacements = 0;
    let position = range ? Math.max(range.start, encoding === 'utf-8-bom' ? 3 : 0) : encoding === 'utf-8-bom' ? 3 : 0;
    let end = range?.end ?? Number.POSITIVE_INFINITY;
    if (range && !splittable(encoding))
      throw new Error(`only UTF-8 and GB18030 files are read in parts, not ${encoding}`);
    if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
      let held = Buffer.alloc(0);
      for (;;) {
        if (position >= end) {
          if (!range!.pastEnd()) break;
          end = Number.POSITIVE_INFINITY;
        }
        const { buffer, offset, length } = sink.reserve(CHUNK);
        const n = readSync(fd, buffer, offset, Math.min(length, CHUNK, end - position), position);
        if (n === 0) break;
        position += n;
        stats.bytes = position - (range?.start ?? 0);
        onBytes?.(stats.bytes);
        // Check [held + this read] up to its last complete character; hold the rest back.
        let from = offset;
        if (held.length) {
          const joint = Buffer.concat([held, buffer.subarray(offset, offset + Math.min(n, 3))]);
          const whole = completeLength(joint, 0, joint.length);
          if (!isUtf8(joint.subarray(0, whole))) stats.replacements += invalidSequences(joint.subarray(0, whole));
          from = offset + Math.max(0, whole - held.length);
        }
        const whole = from >= offset + n ? 0 : completeLength(buffer, from, offset + n - from);
        if (whole > 0 && !isUtf8(buffer.subarray(from, from + whole)))
          stats.replacements += invalidSequences(buffer.subarray(from, from + whole));
        held = Buffer.from(buffer.subarray(Math.max(from + whole, offset), offset + n));
        sink.commit(n);
      }
      if (held.length && !isUtf8(held)) stats.replacements += invalidSequences(held);
      return;
    }
    const decoder = decoderFor(encoding);
    const chunk = Buffer.allocUnsafe(CHUNK);
    const put = (text: string) => {
      if (!text) return;
      for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) stats.replacements!++;
      const bytes = Buffer.from(text, 'utf8');
      const { buffer, offset } = sink.reserve(bytes.length);
      bytes.copy(buffer, offset);
      sink.commit(bytes.length);
    };
    for (;;) {
      if (position >= end) {
        if (!range!.pastEnd()) break;
        end = Number.POSITIVE_INFINITY;
      }
      const n = readSync(fd, chunk, 0, Math.min(CHUNK, end - position), position);
      if (n === 0) break;
      position += n;
      stats.bytes = position - (range?.start ?? 0);
      onBytes?.(stats.bytes);
      put(decoder.write(chunk.subarray(0, n)));
    }
    put(decoder.end());
  } finally {
    closeSync(fd);
  }
}
