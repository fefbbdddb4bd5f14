// Answers remembered by the bytes of a cell. An export repeats a handful of department names and
// meeting types a million times; looking the bytes up here costs a hash of a dozen bytes, where
// decoding each cell to a string first would cost an allocation and a call into C++ per cell.
// A Map cannot be keyed by a range of a buffer, so this is a small open-addressing table.

const SLOTS = 1024;
/** Beyond this many distinct keys (a free-text column) the cache stops growing. */
const LIMIT = 512;

export class ByteCache<T> {
  #slots = new Int32Array(SLOTS).fill(-1);
  #keys: Uint8Array[] = [];
  #values: T[] = [];

  /**
   * Length and four sampled bytes: enough to tell a column's few hundred values apart (the
   * lookup compares whole keys anyway), and cheaper than hashing every byte of every cell.
   */
  static hash(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (n === 0) return 0;
    let h = Math.imul(n, 0x9e3779b1) ^ b[s]!;
    h = Math.imul(h ^ b[e - 1]!, 0x01000193);
    h = Math.imul(h ^ b[s + (n >> 1)]!, 0x01000193);
    h = Math.imul(h ^ b[s + (n >> 2)]!, 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  }

  get(b: Uint8Array, s: number, e: number): T | undefined {
    const len = e - s;
    for (let i = ByteCache.hash(b, s, e) & (SLOTS - 1); ; i = (i + 1) & (SLOTS - 1)) {
      const k = this.#slots[i]!;
      if (k === -1) return undefined;
      const key = this.#keys[k]!;
      if (key.length !== len) continue;
      let j = 0;
      while (j < len && key[j] === b[s + j]) j++;
      if (j === len) return this.#values[k];
    }
  }

  set(b: Uint8Array, s: number, e: number, value: T): void {
    if (this.#keys.length >= LIMIT) return;
    let i = ByteCache.hash(b, s, e) & (SLOTS - 1);
    while (this.#slots[i] !== -1) i = (i + 1) & (SLOTS - 1);
    // A copy: Buffer#slice is a view, and the reader's buffer is refilled with the next rows.
    this.#slots[i] = this.#keys.push(Uint8Array.prototype.slice.call(b, s, e)) - 1;
    this.#values.push(value);
  }
}
