// One row of an export as the readers hand it to the converter: CSV rows stay bytes in the
// tokenizer's buffer (csv.ts), other formats arrive as values (ArrayCells). The converter asks
// for what it needs through this interface, so it has one code path for every format.
import { isBlank } from './values.ts';

export interface Cells {
  readonly length: number;
  /** The cell as a plain value: string, number, boolean, Date, or null/undefined when absent. */
  get(i: number): unknown;
  /** Empty, whitespace, or a dash people type for "nothing". */
  blank(i: number): boolean;
}

export class ArrayCells implements Cells {
  readonly values: unknown[];
  constructor(values: unknown[]) {
    this.values = values;
  }
  get length() {
    return this.values.length;
  }
  get(i: number): unknown {
    return this.values[i];
  }
  blank(i: number): boolean {
    return isBlank(this.values[i]);
  }
}
