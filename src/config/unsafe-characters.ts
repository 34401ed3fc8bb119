/** Control characters (C0, DEL, C1) and the invisible marks that reorder text (bidi embeddings, overrides, isolates). */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_CHARACTERS_GLOBAL = new RegExp(UNSAFE_CHARACTERS.source, 'gu');

/** A character as U+XXXX, so that an escape sequence in a value is named, never sent to the terminal. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text fit for a terminal: unsafe characters replaced by their U+XXXX names. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS_GLOBAL, (character) => `<${codePoint(character)}>`);
}
