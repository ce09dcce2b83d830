/** Offset <-> line/column conversion. Lines split on \n; a \r before it belongs to the line. */

export interface LineCol {
  /** 0-based line */
  line: number;
  /** 0-based column in UTF-16 code units */
  character: number;
}

export class LineIndex {
  /** offsets of the line starts (a typed array: copied natively when an edit moves them, and no garbage for the heap to trace) */
  private readonly starts: Int32Array;

  constructor(
    private readonly text: string,
    /** the line starts, when already known (edited()) */
    starts?: Int32Array,
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      found.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = Int32Array.from(found);
  }

  /**
   * The index of `text`, this index's text with [start, oldEnd) replaced (`delta`: how much longer it
   * got): the lines before the edit are kept, those after it moved, only the edited text is scanned.
   */
  edited(text: string, start: number, oldEnd: number, delta: number): LineIndex {
    const old = this.starts;
    const newEnd = oldEnd + delta;
    const inserted: number[] = [];
    for (let nl = text.indexOf('\n', start); nl !== -1 && nl < newEnd; nl = text.indexOf('\n', nl + 1)) inserted.push(nl + 1);
    // the line starts at or before `start` follow a line break before the edit: kept; those after
    // `oldEnd` follow one after the edit: moved
    const before = this.linesUpTo(start);
    const after = this.linesUpTo(oldEnd);
    const starts = new Int32Array(before + inserted.length + old.length - after);
    starts.set(old.subarray(0, before));
    starts.set(inserted, before);
    let w = before + inserted.length;
    for (let i = after; i < old.length; i++) starts[w++] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  /** How many line starts are at or before `offset`. */
  private linesUpTo(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: LineCol): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}
