import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { PdfFonts } from '../fonts.ts';
import { sparseTrueType, subsetTrueType } from './subset.ts';

// Fonts, font fallback, measuring and line wrapping. pdf-lib measures and draws a string in one font;
// this module splits text into runs per font (main font, or the fallback for scripts the main font
// lacks), measures words once and caches the widths, and breaks spans of styled text into lines.

export type Rgb = readonly [number, number, number];
export type Weight = 'regular' | 'bold' | 'italic';

/** A piece of inline text with its style. Paragraphs, list items and table cells take arrays of spans. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: Rgb;
  /** Where the span links to: "#anchor" for a heading of this document (see Flow.heading), else an address. */
  link?: string;
}
export type Inline = string | Span[];

/** One laid-out line: pieces of uniform style, and its width in points. */
export interface Piece {
  text: string;
  weight: Weight;
  color: Rgb | undefined;
  width: number;
  /** Where the piece links to (see linkTarget), when it is a web address, an email address or a file of the set. */
  link?: string;
}
export interface Line {
  pieces: Piece[];
  width: number;
}

type FontkitFont = ReturnType<typeof fontkit.create>;

// Parsed fonts are shared across documents: pdf-lib would otherwise parse the same TTF for every PDF.
const parsed = new WeakMap<Uint8Array, FontkitFont>();
function parse(bytes: Uint8Array): FontkitFont {
  let font = parsed.get(bytes);
  if (!font) {
    font = fontkit.create(bytes);
    parsed.set(bytes, font);
  }
  return font;
}
/** The fontkit interface handed to pdf-lib: same parser, with the per-process cache in front. */
export const cachingFontkit = {
  create: (bytes: Uint8Array) => parse(bytes),
} as unknown as typeof fontkit;

/**
 * pdf-lib's subset embedder numbers glyphs in order of use and writes the widths and the ToUnicode
 * map for them; only the font program it writes is replaced, by subsetTrueType (see subset.ts).
 */
function useOwnSubsetter(font: PDFFont, bytes: Uint8Array): void {
  const embedder = (font as unknown as { embedder: unknown }).embedder as { subset?: { glyphs?: number[] }; serializeFont?: () => Promise<Uint8Array> };
  if (!embedder.subset || !Array.isArray(embedder.subset.glyphs) || typeof embedder.serializeFont !== 'function') {
    throw new Error('The PDF library no longer exposes its font subset; update the layout module.');
  }
  const subset = embedder.subset;
  embedder.serializeFont = async () => subsetTrueType(bytes, subset.glyphs ?? [0]);
}

/**
 * Latin, Greek and Cyrillic text needs no shaping: one character, one glyph from the cmap. pdf-lib
 * runs fontkit's full OpenType layout for every string it measures or draws, which dominated the
 * render time; the main fonts get a direct character-to-glyph layout instead (no kerning, no
 * ligatures, as in most office documents).
 */
function useDirectGlyphs(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: unknown }).embedder as { font?: FontkitFont };
  const real = embedder.font;
  if (!real || typeof real.glyphForCodePoint !== 'function') return;
  const direct = Object.create(real) as FontkitFont;
  Object.defineProperty(direct, 'layout', {
    value: (text: string) => ({ glyphs: Array.from(text, (char) => real.glyphForCodePoint(char.codePointAt(0)!)) }),
  });
  embedder.font = direct;
}

interface Face {
  pdf: PDFFont;
  glyphs: FontkitFont;
}

export interface Run {
  font: PDFFont;
  text: string;
}

// Symbols none of the embedded fonts has (the symbol face covers arrows, ≥, ≤, ✓ and the shapes), drawn as plain
// equivalents rather than as "?".
const SUBSTITUTES: Record<string, string> = {
  '✔': 'yes',
  '✗': 'no',
  '✘': 'no',
  '☐': '[ ]',
  '☑': '[x]',
  '☒': '[x]',
};

// Words that are links: web addresses with or without a scheme, email addresses, and other PDFs of the set
// ("decisions/cfo-prompts.pdf"). Punctuation at the end of a word ends the sentence, not the address.
const WEB_ADDRESS = /^(?:https?:\/\/|www\.)\S+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*$/i;
const EMAIL_ADDRESS = /^[^\s@/]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
const PDF_FILE = /^[a-z0-9_-]+(?:\/[a-z0-9_.-]+)*\.pdf$/i;
const LEADING = /^[(\['"«“‘]+/;
const TRAILING = /[.,;:!?)\]'"»”’]+$/;

/**
 * The target of a word that is a link, and where in the word the linking part starts and ends: "https://…" and
 * "mailto:…" for addresses, a relative path for another PDF of the set; null for any other word. Brackets and
 * quotes around the word and punctuation after it belong to the sentence, not the address.
 */
export function linkTarget(word: string): { target: string; start: number; end: number } | null {
  const start = LEADING.exec(word)?.[0].length ?? 0;
  const core = word.slice(start).replace(TRAILING, '');
  if (!core) return null;
  const end = start + core.length;
  if (WEB_ADDRESS.test(core)) return { target: /^https?:\/\//i.test(core) ? core : `https://${core}`, start, end };
  if (EMAIL_ADDRESS.test(core)) return { target: `mailto:${core}`, start, end };
  if (PDF_FILE.test(core)) return { target: core, start, end };
  return null;
}

/**
 * Where a word too long for a line may break and still read as one address: before "@" and before a "." that
 * follows a letter or digit, after a "/" (not inside "//"), and at its end. Offsets into the word.
 */
export function safeBreaks(word: string): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < word.length; i += 1) {
    const char = word[i]!;
    const before = word[i - 1]!;
    if (char === '@' || (char === '.' && /[\p{L}\p{N}]/u.test(before) && i + 1 < word.length)) breaks.push(i);
    else if (before === '/' && char !== '/') breaks.push(i);
  }
  breaks.push(word.length);
  return breaks;
}

const NEUTRAL = /[\s\p{P}\p{S}\p{N}]/u;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

// The font program of form fields, per main font file: computed once per process.
const formPrograms = new WeakMap<Uint8Array, Uint8Array>();

/**
 * The font of form fields: the regular main font with every character of its character map, so that a viewer can
 * show whatever is typed into a field later (a document subset holds only the characters printed). Glyphs reached
 * only through OpenType substitutions are emptied, which halves the size of the full font. Embedded whole (not
 * subset again) under the font's own name: viewers refuse to type with a font whose name marks it as a subset.
 */
export async function embedFormFont(doc: PDFDocument, regular: Uint8Array): Promise<PDFFont> {
  let program = formPrograms.get(regular);
  if (!program) {
    const glyphs = parse(regular);
    program = sparseTrueType(
      regular,
      glyphs.characterSet.map((code) => glyphs.glyphForCodePoint(code).id),
    );
    formPrograms.set(regular, program);
  }
  doc.registerFontkit(cachingFontkit);
  return doc.embedFont(program, { subset: false, customName: 'NotoSans-Regular' });
}

export class FontSet {
  private readonly main: Record<Weight, Face>;
  private readonly fallback: Record<Weight, Face> | null;
  /** Symbols Noto Sans lacks (arrows, ≥, ✓): one regular face serves every weight. */
  private readonly symbols: Face;
  private readonly widths = new Map<string, number>();

  private constructor(main: Record<Weight, Face>, fallback: Record<Weight, Face> | null, symbols: Face) {
    this.main = main;
    this.fallback = fallback;
    this.symbols = symbols;
  }

  static async embed(doc: PDFDocument, fonts: PdfFonts): Promise<FontSet> {
    doc.registerFontkit(cachingFontkit);
    const face = async (bytes: Uint8Array, name: string, shaping = false): Promise<Face> => {
      // A fixed subset name keeps output byte-identical between runs.
      const pdf = await doc.embedFont(bytes, { subset: true, customName: name });
      useOwnSubsetter(pdf, bytes);
      if (!shaping) useDirectGlyphs(pdf);
      return { pdf, glyphs: parse(bytes) };
    };
    const main = {
      regular: await face(fonts.regular, 'MFAPBA+NotoSans-Regular'),
      bold: await face(fonts.bold, 'MFAPBB+NotoSans-Bold'),
      italic: await face(fonts.italic, 'MFAPBC+NotoSans-Italic'),
    };
    // Embedded up front like the Arabic fallback; a document without symbols carries only its empty subset.
    const symbols = await face(fonts.symbols, 'MFAPBF+NotoSansMath-Regular');
    if (!fonts.fallback) return new FontSet(main, null, symbols);
    // Embedded lazily would need async drawing; the fallback is embedded up front and, when a
    // document has no Arabic text, weighs only its empty subset.
    // Arabic needs OpenType shaping (joining forms, right-to-left order): fontkit's layout does it.
    const regular = await face(fonts.fallback.regular, 'MFAPBD+NotoSansArabic-Regular', true);
    const bold = await face(fonts.fallback.bold, 'MFAPBE+NotoSansArabic-Bold', true);
    return new FontSet(main, { regular, bold, italic: regular }, symbols);
  }

  /** Whether a character is drawn from the symbol face: the main font and the script fallback lack it. */
  private isSymbol(code: number): boolean {
    return !this.main.regular.glyphs.hasGlyphForCodePoint(code) && !this.fallback?.regular.glyphs.hasGlyphForCodePoint(code) && this.symbols.glyphs.hasGlyphForCodePoint(code);
  }

  /** Text the fonts can draw: control characters removed, characters no font has replaced by a plain equivalent or "?". */
  clean(text: string): string {
    let out = '';
    for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '')) {
      const code = char.codePointAt(0)!;
      if (char === '\n' || this.main.regular.glyphs.hasGlyphForCodePoint(code)) out += char;
      else if (this.fallback?.regular.glyphs.hasGlyphForCodePoint(code)) out += char;
      else if (this.symbols.glyphs.hasGlyphForCodePoint(code)) out += char;
      else out += SUBSTITUTES[char] ?? '?';
    }
    return out;
  }

  /** Splits text into runs per font. Spaces and punctuation join the run around them, so that a
   * multi-word Arabic name stays one run (fontkit shapes it and orders it right to left); a symbol
   * only the symbol face has is always a run of its own font. */
  runs(text: string, weight: Weight): Run[] {
    const main = this.main[weight];
    const fallback = this.fallback?.[weight];
    const chars = [...text];
    const symbol = chars.map((char) => this.isSymbol(char.codePointAt(0)!));
    if (!fallback && !symbol.includes(true)) return [{ font: main.pdf, text }];
    const strong: (0 | 1 | null)[] = chars.map((char, index) => {
      if (symbol[index] || NEUTRAL.test(char)) return null;
      return main.glyphs.hasGlyphForCodePoint(char.codePointAt(0)!) ? 0 : 1;
    });
    // A neutral takes the fallback only when strong fallback characters stand on both sides of it.
    const which = strong.map((value, index): 0 | 1 | 2 => {
      if (symbol[index]) return 2;
      if (value !== null) return value;
      let before: 0 | 1 | null = null;
      for (let i = index - 1; i >= 0 && before === null; i -= 1) before = strong[i] ?? null;
      let after: 0 | 1 | null = null;
      for (let i = index + 1; i < strong.length && after === null; i += 1) after = strong[i] ?? null;
      return before === 1 && after === 1 ? 1 : 0;
    });
    const fontOf = (which: 0 | 1 | 2): PDFFont => (which === 2 ? this.symbols.pdf : which === 1 && fallback ? fallback.pdf : main.pdf);
    const runs: Run[] = [];
    let current = '';
    let currentFont: 0 | 1 | 2 = which[0] ?? 0;
    chars.forEach((char, index) => {
      const font = which[index] ?? 0;
      if (font !== currentFont && current) {
        runs.push({ font: fontOf(currentFont), text: current });
        current = '';
      }
      currentFont = font;
      current += char;
    });
    if (current) runs.push({ font: fontOf(currentFont), text: current });
    return runs;
  }

  /** Width of a string in points at a font size; measured once per string and weight. */
  width(text: string, weight: Weight, size: number): number {
    if (!text) return 0;
    const key = `${weight}\u0000${text}`;
    let unit = this.widths.get(key);
    if (unit === undefined) {
      unit = 0;
      for (const run of this.runs(text, weight)) unit += run.font.widthOfTextAtSize(run.text, 1);
      this.widths.set(key, unit);
    }
    return unit * size;
  }

  /** Heights for a font size: ascent above and descent below the baseline. */
  ascent(size: number): number {
    return size * 0.92;
  }

  /** Cuts text to fit a width, ending with an ellipsis. */
  truncate(text: string, weight: Weight, size: number, maxWidth: number): string {
    const clean = this.clean(text).replace(/\n/g, ' ');
    if (this.width(clean, weight, size) <= maxWidth) return clean;
    const chars = [...clean];
    while (chars.length > 1 && this.width(`${chars.join('')}…`, weight, size) > maxWidth) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }

  /** Breaks inline text into lines no wider than maxWidth. A "\n" forces a break. */
  wrap(content: Inline, size: number, maxWidth: number, base: Weight = 'regular'): Line[] {
    const spans: Span[] = typeof content === 'string' ? [{ text: content }] : content;
    const lines: Line[] = [];
    let line: Line = { pieces: [], width: 0 };
    let pendingSpace: { weight: Weight; color: Rgb | undefined; link: string | undefined } | null = null;

    const push = (text: string, weight: Weight, color: Rgb | undefined, width: number, link?: string) => {
      const last = line.pieces[line.pieces.length - 1];
      if (last && last.weight === weight && last.color === color && last.link === link) {
        last.text += text;
        last.width += width;
      } else line.pieces.push(link ? { text, weight, color, width, link } : { text, weight, color, width });
      line.width += width;
    };
    const breakLine = () => {
      lines.push(line);
      line = { pieces: [], width: 0 };
      pendingSpace = null;
    };

    for (const span of spans) {
      const weight: Weight = span.bold ? 'bold' : span.italic ? 'italic' : base;
      const color = span.color;
      // A path's arrow stays at the end of the line with the step before it, never at the start of the next.
      const tokens = this.clean(span.text)
        .replace(/ +→/g, '\u00a0→')
        .split(/(\n| +)/);
      for (const token of tokens) {
        if (!token) continue;
        if (token === '\n') {
          breakLine();
          continue;
        }
        if (token.startsWith(' ')) {
          if (line.pieces.length > 0) pendingSpace = { weight, color, link: span.link };
          continue;
        }
        const wordWidth = this.width(token, weight, size);
        const space: { weight: Weight; color: Rgb | undefined; link: string | undefined } | null = pendingSpace;
        const spaceWidth = space ? this.width(' ', space.weight, size) : 0;
        if (line.pieces.length > 0 && line.width + spaceWidth + wordWidth > maxWidth) breakLine();
        if (pendingSpace && line.pieces.length > 0) {
          // A space inside a linked span is part of the link; one before or after it is not.
          push(' ', pendingSpace.weight, pendingSpace.color, spaceWidth, pendingSpace.link === span.link ? span.link : undefined);
          pendingSpace = null;
        }
        const link = span.link ? { target: span.link, start: 0, end: token.length } : linkTarget(token);
        // A link is pushed as its own piece; what follows it (a full stop) joins the text after.
        const parts: { from: number; to: number; link: string | undefined }[] = link
          ? [
              { from: 0, to: link.start, link: undefined },
              { from: link.start, to: link.end, link: link.target },
              { from: link.end, to: token.length, link: undefined },
            ]
          : [{ from: 0, to: token.length, link: undefined }];
        const pushSlice = (from: number, to: number) => {
          for (const part of parts) {
            const start = Math.max(from, part.from);
            const end = Math.min(to, part.to);
            if (start >= end) continue;
            const text = token.slice(start, end);
            push(text, weight, color, this.width(text, weight, size), part.link);
          }
        };
        if (wordWidth <= maxWidth) {
          pushSlice(0, token.length);
          continue;
        }
        // A word wider than the line (a long address or URL): broken where a reader still sees one address (before
        // "@" or ".", after "/"), then after a hyphen, and between characters only where even those pieces do not fit. Every piece
        // of a broken address links to the whole address.
        const safe = safeBreaks(token);
        let from = 0;
        while (from < token.length) {
          const room = maxWidth - line.width;
          const fits = (end: number) => this.width(token.slice(from, end), weight, size) <= room;
          let end = [...safe].reverse().find((candidate) => candidate > from && fits(candidate));
          if (end === undefined) {
            if (line.pieces.length > 0) {
              breakLine();
              continue;
            }
            // A part between safe points longer than the line: after a hyphen, else between characters.
            end = [...token.matchAll(/-(?=.)/g)]
              .map((match) => match.index + 1)
              .reverse()
              .find((candidate) => candidate > from && fits(candidate));
            if (end !== undefined) {
              pushSlice(from, end);
              from = end;
              breakLine();
              continue;
            }
            end = from + String.fromCodePoint(token.codePointAt(from)!).length;
            for (const char of token.slice(end)) {
              if (!fits(end + char.length)) break;
              end += char.length;
            }
          }
          pushSlice(from, end);
          from = end;
          if (from < token.length) breakLine();
        }
      }
    }
    if (line.pieces.length > 0 || lines.length === 0) lines.push(line);
    return lines;
  }
}
