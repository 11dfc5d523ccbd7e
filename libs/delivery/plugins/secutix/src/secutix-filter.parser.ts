import type { Filter, FilterCondition, FilterParseResult, FilterSegment } from './secutix-filter';

/**
 * Parses `Path=Value;Path=Value…` where a path is `Name` or `Name(*)` or `Name(Field=Value)`
 * segments joined by `.`. Spaces around conditions, `=` and selector parts are ignored; a value
 * runs to the next `;` (or `)` in a selector) and is trimmed. One trailing `;` is tolerated, an
 * empty condition anywhere else is an error, and so is an empty value.
 */
export function parseFilter(text: string): FilterParseResult {
  try {
    return { ok: true, filter: new FilterParser(text).parse() };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, position: error.position, message: error.message };
    throw error;
  }
}

class FilterSyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

const NAME_CHAR = /[\p{L}\p{N}_-]/u;

class FilterParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): Filter {
    const conditions: FilterCondition[] = [];
    do {
      this.skipSpaces();
      // A single trailing ';' is common in hand-written lists and harmless.
      if (conditions.length > 0 && this.atEnd()) break;
      conditions.push(this.condition());
    } while (this.eat(';'));
    return { conditions };
  }

  private condition(): FilterCondition {
    if (this.atEnd() || this.peek() === ';') throw this.error('expected a condition (Path=Value)');
    const path = [this.segment()];
    while (this.eat('.')) path.push(this.segment());
    this.skipSpaces();
    if (!this.eat('=')) {
      if (this.atEnd() || this.peek() === ';') throw this.error("expected '=' and a value after the path");
      throw this.error(this.unexpected(path[path.length - 1].selector ? "'.' or '='" : "'.', '(' or '='"));
    }
    return { path, value: this.value(';') };
  }

  private segment(): FilterSegment {
    const name = this.name();
    if (!this.eat('(')) return { name };
    const open = this.pos - 1;
    this.skipSpaces();
    if (this.atEnd() || this.peek() === ';') throw this.closeError(open);
    if (this.eat('*')) {
      this.skipSpaces();
      if (!this.eat(')')) throw this.closeError(open);
      return { name, selector: { kind: 'any' } };
    }
    if (this.peek() === ')') throw this.error("expected '*' or Field=Value in the selector");
    const field = this.name();
    this.skipSpaces();
    if (!this.eat('=')) throw this.atEnd() || this.peek() === ';' ? this.closeError(open) : this.error(this.unexpected("'='"));
    const value = this.value(')');
    if (!this.eat(')')) throw this.closeError(open);
    return { name, selector: { kind: 'match', field, value } };
  }

  private name(): string {
    const start = this.pos;
    while (!this.atEnd() && NAME_CHAR.test(this.peek())) this.pos++;
    if (this.pos === start) {
      throw this.error(this.atEnd() || '.;=()'.includes(this.peek()) ? 'expected a field name' : this.unexpected('a field name'));
    }
    return this.text.slice(start, this.pos);
  }

  // Up to `end`, a ';' or the end of the text; trimmed and never empty.
  private value(end: ')' | ';'): string {
    const start = this.pos;
    while (!this.atEnd() && this.peek() !== ';' && this.peek() !== end) this.pos++;
    const value = this.text.slice(start, this.pos).trim();
    if (value === '') throw new FilterSyntaxError(start, "expected a value after '='");
    return value;
  }

  private closeError(open: number): FilterSyntaxError {
    return this.atEnd() || this.peek() === ';'
      ? new FilterSyntaxError(open, "unclosed '('")
      : this.error(this.unexpected(`')' to close the '(' at ${open}`));
  }

  private unexpected(expected: string): string {
    return `unexpected '${this.peek()}', expected ${expected}`;
  }

  private error(message: string): FilterSyntaxError {
    return new FilterSyntaxError(this.pos, message);
  }

  private skipSpaces(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
  }

  private eat(char: string): boolean {
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}
