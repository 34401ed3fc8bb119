import { flesch } from 'flesch';
import { syllable } from 'syllable';

// Flesch reading ease of a plain-text message, counted the way a reader meets it:
// - every line is its own unit (a heading, a list item, a sign-off), and inside a line a sentence ends at . ! ? or :
//   followed by a space; a list item without a full stop is still one sentence;
// - a web address, an email address and a phone number are read as one word each, not as dozens of
//   syllable-less fragments; a number is one word of one syllable.

const URL = /https?:\/\/\S+/g;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const PHONE = /\+?\d[\d ()\-.]{5,}\d/g;
const WORD = /[\p{L}\p{M}'’]+(?:-[\p{L}\p{M}'’]+)*|\d+(?:[:.,]\d+)*/gu;

export type Counts = {
  sentence: number;
  word: number;
  syllable: number;
};

export function readingCounts(text: string): Counts {
  const normalised = text.replace(URL, ' link ').replace(EMAIL, ' address ').replace(PHONE, ' number ');
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const line of normalised.split(/\n+/)) {
    for (const sentence of line.split(/(?<=[.!?:;])\s+/)) {
      const found = sentence.match(WORD) ?? [];
      if (found.length === 0) continue;
      sentences += 1;
      for (const word of found) {
        words += 1;
        syllables += /^\d/.test(word) ? 1 : Math.max(1, syllable(word));
      }
    }
  }
  return { sentence: sentences, word: words, syllable: syllables };
}

export function readingEase(text: string): number {
  return flesch(readingCounts(text));
}
