// Record ids seen so far, for duplicate detection, in as little memory as an exact answer allows.
//
// Ids that end in a number (M00000123, HY-2026-0042: what approval and meeting systems issue) are
// bits in a bitmap per prefix and digit count, so a million of them take 125 KB, and checking one
// touches memory close to the last. A family whose numbers turn out sparse (more than 64 bits of
// range per id) moves to the general table, as do all other ids: a 64-bit fingerprint of the id
// in an open-addressing table of typed arrays (8 bytes a slot, at most three quarters full),
// computed from the id's UTF-8 bytes so that a CSV cell read where it lies in the buffer and the
// same id read from a workbook agree.
//
// A fingerprint match only makes a row a suspect: run.ts holds suspects back and settles them
// with a second look at the exports (the earlier line, and whether the data differs), so two ids
// that happened to share a fingerprint (about one chance in 10^6 at four million ids) cost time,
// never a row.

/** Fingerprint of the last hashBytes/hashString call, as two 32-bit halves. */
let hi = 0;
let lo = 0;

export function hashBytes(b: Uint8Array, s: number, e: number): void {
  let a = 0x811c9dc5;
  let c = 0x01000193;
  for (let i = s; i < e; i++) {
    const x = b[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    c = Math.imul(c ^ x, 0x5bd1e995);
  }
  hi = a >>> 0;
  lo = (c ^ (c >>> 15)) >>> 0;
}

/** The same fingerprint as hashBytes over the string's UTF-8 encoding. */
export function hashString(text: string): void {
  let a = 0x811c9dc5;
  let c = 0x01000193;
  const add = (x: number) => {
    a = Math.imul(a ^ x, 0x01000193);
    c = Math.imul(c ^ x, 0x5bd1e995);
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate encodes as U+FFFD
    if (cp < 0x80) add(cp);
    else if (cp < 0x800) {
      add(0xc0 | (cp >> 6));
      add(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      add(0xe0 | (cp >> 12));
      add(0x80 | ((cp >> 6) & 63));
      add(0x80 | (cp & 63));
    } else {
      add(0xf0 | (cp >> 18));
      add(0x80 | ((cp >> 12) & 63));
      add(0x80 | ((cp >> 6) & 63));
      add(0x80 | (cp & 63));
    }
  }
  hi = a >>> 0;
  lo = (c ^ (c >>> 15)) >>> 0;
}

/** Ids with one prefix and one number of digits, as bits over the range of their numbers. */
interface Family {
  prefix: string;
  bytes: Uint8Array;
  digits: number;
  /** Bit i stands for number base + i. */
  base: number;
  bits: Uint32Array;
  count: number;
  /** Too sparse for a bitmap: its ids are fingerprinted like any other. */
  sparse: boolean;
}

const MAX_DIGITS = 15;

/** Fingerprint table for ids no bitmap holds. */
class Fingerprints {
  #size = 0;
  /** Two words a slot: hi, lo; a slot is empty when both are 0 (a zero fingerprint is stored as 1). */
  #slots = new Uint32Array(2 << 12);

  get slots(): Uint32Array {
    return this.#slots;
  }

  /** Whether a fingerprint is in the table. */
  has(h: number, l: number): boolean {
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = l & mask; ; i = (i + 1) & mask) {
      const sh = slots[i * 2]!,
        sl = slots[i * 2 + 1]!;
      if (sh === 0 && sl === 0) return false;
      if (sh === h && sl === l) return true;
    }
  }

  /** Adds a stored fingerprint (from another table's slots). */
  insert(h: number, l: number): void {
    hi = h;
    lo = l;
    this.add();
  }

  /** Adds the last hashed fingerprint; returns false when it was already there. */
  add(): boolean {
    const h = hi,
      l = lo || (hi ? 0 : 1);
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let i = l & mask;
    for (;;) {
      const sh = slots[i * 2]!,
        sl = slots[i * 2 + 1]!;
      if (sh === 0 && sl === 0) break;
      if (sh === h && sl === l) return false;
      i = (i + 1) & mask;
    }
    slots[i * 2] = h;
    slots[i * 2 + 1] = l;
    if (++this.#size * 4 > (slots.length >> 1) * 3) this.#grow();
    return true;
  }

  #grow() {
    const old = this.#slots;
    const slots = (this.#slots = new Uint32Array(old.length * 2));
    const mask = (slots.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const h = old[j]!,
        l = old[j + 1]!;
      if (h === 0 && l === 0) continue;
      let i = l & mask;
      while (slots[i * 2] !== 0 || slots[i * 2 + 1] !== 0) i = (i + 1) & mask;
      slots[i * 2] = h;
      slots[i * 2 + 1] = l;
    }
  }
}

/** A SeenKeys as plain data, to pass between threads. */
export interface SeenKeysState {
  families: Family[];
  slots: Uint32Array;
}

export class SeenKeys {
  #fingerprints = new Fingerprints();
  #families = new Map<string, Family>();
  #last: Family | undefined;

  snapshot(): SeenKeysState {
    return { families: [...this.#families.values()], slots: this.#fingerprints.slots };
  }

  /**
   * Whether an id in `other` may also be here. False means none is; true means one is, or might
   * be (a sparse family is not compared id by id), and the caller reads the part again in order.
   */
  overlaps(other: SeenKeysState): boolean {
    for (const f of other.families) {
      const mine = this.#families.get(`${f.digits}:${f.prefix}`);
      if (!mine || f.count === 0 || mine.count === 0) continue;
      if (mine.sparse || f.sparse) return true;
      const from = Math.max(mine.base, f.base),
        to = Math.min(mine.base + mine.bits.length * 32, f.base + f.bits.length * 32);
      for (let n = from; n < to; n += 32)
        if (mine.bits[(n - mine.base) >>> 5]! & f.bits[(n - f.base) >>> 5]!) return true;
    }
    const slots = other.slots;
    for (let i = 0; i < slots.length; i += 2)
      if ((slots[i] !== 0 || slots[i + 1] !== 0) && this.#fingerprints.has(slots[i]!, slots[i + 1]!)) return true;
    return false;
  }

  /** Takes in the ids of `other` (which overlaps() found disjoint from these). */
  absorb(other: SeenKeysState): void {
    for (const f of other.families) {
      const family = this.#family(f.prefix, f.digits);
      for (let w = 0; w < f.bits.length; w++) {
        const word = f.bits[w]!;
        if (word === 0) continue;
        for (let bit = 0; bit < 32; bit++)
          if (word & (1 << bit)) this.#addNumber(family, f.base + w * 32 + bit, undefined, 0, 0);
      }
    }
    const slots = other.slots;
    for (let i = 0; i < slots.length; i += 2)
      if (slots[i] !== 0 || slots[i + 1] !== 0) this.#fingerprints.insert(slots[i]!, slots[i + 1]!);
  }

  /** Adds the id written in b[s, e) (trimmed UTF-8); returns false when it was seen before. */
  addBytes(b: Uint8Array, s: number, e: number): boolean {
    let k = e;
    let n = 0;
    for (let scale = 1; k > s && e - k < MAX_DIGITS; scale *= 10) {
      const d = b[k - 1]! - 48;
      if (d < 0 || d > 9) break;
      n += d * scale;
      k--;
    }
    if (k === e || (k > s && b[k - 1]! >= 48 && b[k - 1]! <= 57)) {
      hashBytes(b, s, e);
      return this.#fingerprints.add();
    }
    const digits = e - k;
    let family = this.#last;
    if (!family || family.digits !== digits || !sameBytes(family.bytes, b, s, k)) {
      const prefix = Buffer.from(b.buffer, b.byteOffset + s, k - s).toString('utf8');
      family = this.#family(prefix, digits);
    }
    return this.#addNumber(family, n, b, s, e);
  }

  /** Adds an id given as text (already trimmed); the same answer addBytes gives for its UTF-8. */
  addString(text: string): boolean {
    let k = text.length;
    let n = 0;
    for (let scale = 1; k > 0 && text.length - k < MAX_DIGITS; scale *= 10) {
      const d = text.charCodeAt(k - 1) - 48;
      if (d < 0 || d > 9) break;
      n += d * scale;
      k--;
    }
    const before = k > 0 ? text.charCodeAt(k - 1) : 0;
    if (k === text.length || (before >= 48 && before <= 57)) {
      hashString(text);
      return this.#fingerprints.add();
    }
    return this.#addNumber(this.#family(text.slice(0, k), text.length - k), n, undefined, 0, 0, text);
  }

  #family(prefix: string, digits: number): Family {
    const key = `${digits}:${prefix}`;
    let family = this.#families.get(key);
    if (!family) {
      family = {
        prefix,
        bytes: Buffer.from(prefix, 'utf8'),
        digits,
        base: -1,
        bits: new Uint32Array(0),
        count: 0,
        sparse: false,
      };
      this.#families.set(key, family);
    }
    return (this.#last = family);
  }

  #addNumber(family: Family, n: number, b: Uint8Array | undefined, s: number, e: number, text?: string): boolean {
    if (!family.sparse) {
      let i = n - family.base;
      if (family.base < 0 || i < 0 || i >= family.bits.length * 32) {
        if (this.#cover(family, n)) i = n - family.base;
        else return this.#addNumber(family, n, b, s, e, text);
      }
      const word = i >>> 5,
        bit = 1 << (i & 31);
      if (family.bits[word]! & bit) return false;
      family.bits[word]! |= bit;
      family.count++;
      return true;
    }
    if (b) hashBytes(b, s, e);
    else hashString(text ?? family.prefix + String(n).padStart(family.digits, '0'));
    return this.#fingerprints.add();
  }

  /** Widens the family's bitmap to cover n; false (and the family turned sparse) if too sparse for one. */
  #cover(family: Family, n: number): boolean {
    const hasBits = family.base >= 0;
    const lo = hasBits ? Math.min(family.base, n) : n;
    const hi = hasBits ? Math.max(family.base + family.bits.length * 32 - 1, n) : n;
    if (hi - lo + 1 > 64 * (family.count + 1) + (1 << 16)) {
      // Too sparse for a bitmap: its ids so far move to the fingerprint table.
      family.sparse = true;
      for (let w = 0; w < family.bits.length; w++)
        for (let bit = 0; bit < 32; bit++)
          if (family.bits[w]! & (1 << bit)) {
            hashString(family.prefix + String(family.base + w * 32 + bit).padStart(family.digits, '0'));
            this.#fingerprints.add();
          }
      family.bits = new Uint32Array(0);
      return false;
    }
    // At least double, and grow in the direction the numbers go (exports are often newest first).
    const words = Math.max(Math.ceil((hi - lo + 1) / 32) + 1, family.bits.length * 2, 64);
    const base =
      !hasBits || n >= family.base
        ? Math.floor(lo / 32) * 32
        : Math.max(0, Math.floor((hi + 1 - words * 32) / 32) * 32);
    const bits = new Uint32Array(words);
    if (hasBits) bits.set(family.bits, (family.base - base) / 32);
    family.base = base;
    family.bits = bits;
    return true;
  }
}

function sameBytes(key: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (key.length !== e - s) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== b[s + i]) return false;
  return true;
}
