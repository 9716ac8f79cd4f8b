import { SourceMap, type default as MagicString } from 'magic-string';

/** 1 for the characters an identifier is made of ([A-Za-z0-9_$]); the rest of ASCII is 0. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /[\w$]/.test(String.fromCharCode(c)) ? 1 : 0;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One buffer for every map: the transform is synchronous, and a map is written in one call. */
const scratch = new Uint8Array(1 << 16);
const decoder = new TextDecoder();

/** What of magic-string's edit list the map is read from (fields it has had since 0.30). */
interface Chunk {
  start: number;
  end: number;
  intro: string;
  outro: string;
  content: string;
  edited: boolean;
  next: Chunk | null;
}
interface Edits {
  intro: string;
  outro: string;
  firstChunk: Chunk;
}

/**
 * A source map with a mapping at every token of the original (the positions V8 reports in a
 * stack trace: a callee, a property name, an operator, a `(` or `[`), and at every edit:
 * the start of every word and every punctuation character. magic-string's `hires: true` maps
 * every character, spaces included: about four times the work and the size for the same
 * answers at token starts.
 *
 * The mappings are what magic-string's `generateMap({ hires: false })` writes with a location
 * added at each token start (a test holds the two equal), written in one pass over its edit
 * list instead of a location per token, an array per segment and an encoding pass.
 */
export function tokenMap(ms: MagicString, original: string, file?: string): SourceMap {
  const edits = ms as unknown as Edits;
  const w = new MappingsWriter(original);
  w.advance(edits.intro);
  for (let chunk: Chunk | null = edits.firstChunk; chunk; chunk = chunk.next) {
    w.advance(chunk.intro);
    if (chunk.edited) w.edit(chunk.start, chunk.content);
    else w.unedited(chunk.start, chunk.end);
    w.advance(chunk.outro);
  }
  w.advance(edits.outro);
  const name = file?.split(/[/\\]/).pop();
  return new SourceMap({
    file: name,
    sources: [name ?? ''],
    sourcesContent: [original],
    names: [],
    mappings: w.finish(),
  });
}

/**
 * Version 3 mappings, written as Base64 VLQ while the output is walked. Every segment has one
 * source, index 0.
 */
class MappingsWriter {
  private out = '';
  private at = 0;
  private genColumn = 0;
  private prevGenColumn = 0;
  private prevLine = 0;
  private prevColumn = 0;
  private comma = false;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly original: string) {
    for (let i = original.indexOf('\n'); i !== -1; i = original.indexOf('\n', i + 1))
      this.lineStarts.push(i + 1);
  }

  /** Inserted text: moves the output position, maps nothing. */
  advance(text: string): void {
    if (!text) return;
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      this.genColumn += text.length;
      return;
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.newline();
    this.genColumn = text.length - last - 1;
  }

  /** Replaced text: each of its lines maps to where the replaced range starts. */
  edit(start: number, content: string): void {
    if (!content) return;
    const [line, column] = this.locate(start);
    let from = 0;
    for (
      let nl = content.indexOf('\n');
      nl !== -1 && nl < content.length - 1;
      nl = content.indexOf('\n', from)
    ) {
      this.segment(line, column);
      this.newline();
      from = nl + 1;
    }
    this.segment(line, column);
    this.advance(content.slice(from));
  }

  /** Original text copied through: a segment at each line's start and at each token start. */
  unedited(start: number, end: number): void {
    const code = this.original;
    let [line, column] = this.locate(start);
    let lineStart = start - column;
    let genColumn = this.genColumn;
    let prevWord = start > 0 && isWord(code.charCodeAt(start - 1));
    for (let i = start; i < end; i++) {
      const c = code.charCodeAt(i);
      if (c === 10) {
        this.newline();
        genColumn = 0;
        line++;
        lineStart = i + 1;
        prevWord = false;
        continue;
      }
      // A word's first character, or any character neither a word's nor a space (outside ASCII,
      // every one).
      const word = isWord(c);
      if ((word ? !prevWord : c !== 32 && c !== 9 && c !== 13) || i === start || i === lineStart)
        this.segment(line, i - lineStart, genColumn);
      prevWord = word;
      genColumn++;
    }
    this.genColumn = genColumn;
  }

  finish(): string {
    this.flush();
    return this.out;
  }

  private locate(pos: number): [number, number] {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pos < starts[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return [lo - 1, pos - starts[lo - 1]!];
  }

  private newline(): void {
    this.byte(59); // ;
    this.comma = false;
    this.genColumn = 0;
    this.prevGenColumn = 0;
  }

  private segment(line: number, column: number, genColumn = this.genColumn): void {
    if (this.at > scratch.length - 32) this.flush();
    if (this.comma) this.byte(44); // ,
    this.comma = true;
    this.vlq(genColumn - this.prevGenColumn);
    this.byte(65); // A: source 0, unchanged
    this.vlq(line - this.prevLine);
    this.vlq(column - this.prevColumn);
    this.prevGenColumn = genColumn;
    this.prevLine = line;
    this.prevColumn = column;
  }

  private vlq(n: number): void {
    let v = n < 0 ? (-n << 1) | 1 : n << 1;
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      this.byte(BASE64.charCodeAt(digit));
    } while (v > 0);
  }

  private byte(b: number): void {
    if (this.at === scratch.length) this.flush();
    scratch[this.at++] = b;
  }

  private flush(): void {
    this.out += decoder.decode(scratch.subarray(0, this.at));
    this.at = 0;
  }
}

function isWord(c: number): boolean {
  return c < 128 && WORD[c] === 1;
}
