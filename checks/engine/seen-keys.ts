// Record ids seen so far, for duplicate detection, in as little memory as an exact answer allows:
// a 64-bit fingerprint of each id in an open-addressing table of typed arrays (8 bytes a slot,
// at most three quarters full), computed from the id's UTF-8 bytes so that a CSV cell hashed
// where it lies in the buffer and the same id read from a workbook agree.
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
    else if (cp < 0x800) add(0xc0 | (cp >> 6)), add(0x80 | (cp & 63));
    else if (cp < 0x10000) add(0xe0 | (cp >> 12)), add(0x80 | ((cp >> 6) & 63)), add(0x80 | (cp & 63));
    else add(0xf0 | (cp >> 18)), add(0x80 | ((cp >> 12) & 63)), add(0x80 | ((cp >> 6) & 63)), add(0x80 | (cp & 63));
  }
  hi = a >>> 0;
  lo = (c ^ (c >>> 15)) >>> 0;
}

export class SeenKeys {
  #size = 0;
  /** Two words a slot: hi, lo; a slot is empty when both are 0 (a zero fingerprint is stored as 1). */
  #slots = new Uint32Array(2 << 12);

  get size() {
    return this.#size;
  }

  /** Adds the last hashed fingerprint; returns false when it was already there. */
  add(): boolean {
    const h = hi, l = lo || (hi ? 0 : 1);
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let i = l & mask;
    for (;;) {
      const sh = slots[i * 2]!, sl = slots[i * 2 + 1]!;
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
      const h = old[j]!, l = old[j + 1]!;
      if (h === 0 && l === 0) continue;
      let i = l & mask;
      while (slots[i * 2] !== 0 || slots[i * 2 + 1] !== 0) i = (i + 1) & mask;
      slots[i * 2] = h;
      slots[i * 2 + 1] = l;
    }
  }
}
