import { commentText, type Code } from './code';

/**
 * A PowerShell script, line by line: statements (Code), comments (free text made safe), blank lines,
 * and blocks (`if (…) {` … `}`) indented by four spaces. Lines end with LF.
 */
export class ScriptWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  private push(text: string): void {
    this.lines.push(text === '' ? '' : '    '.repeat(this.depth) + text);
  }

  line(statement: Code): this {
    this.push(statement.text);
    return this;
  }

  /** A `#` line comment; `text` may be anything (see commentText). Several lines: one comment each. */
  comment(...text: string[]): this {
    for (const t of text) this.push(t === '' ? '#' : `# ${commentText(t)}`);
    return this;
  }

  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
    return this;
  }

  /** `head {`, the body one level in, then `}`. */
  block(head: Code, body: (w: this) => void): this {
    this.push(`${head.text} {`);
    this.indented(body);
    this.push('}');
    return this;
  }

  /** The body one level in, without braces (a parameter list). */
  indented(body: (w: this) => void): this {
    this.depth++;
    body(this);
    this.depth--;
    return this;
  }

  /** `head {` … `}` followed by `else {` … `}`. */
  ifElse(head: Code, then: (w: this) => void, otherwise: (w: this) => void): this {
    this.push(`${head.text} {`);
    this.indented(then);
    this.push('} else {');
    this.indented(otherwise);
    this.push('}');
    return this;
  }

  toString(): string {
    const out = [...this.lines];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return `${out.join('\n')}\n`;
  }
}
