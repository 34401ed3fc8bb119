// How the outputs write dates, times and numbers. One module for every generator and renderer, so a date
// style is spelled one way across a whole output; the locale and time zone come from the model.

const ENGLISH_COUNTS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * A small count as a word at the start of an English sentence ("Two", "Three"); digits from eleven on.
 * Texts in other languages bring their own words through their locale's text folder.
 */
export function countWord(count: number, options: { capital?: boolean } = {}): string {
  const word = Number.isInteger(count) && count >= 0 && count < ENGLISH_COUNTS.length ? ENGLISH_COUNTS[count]! : String(count);
  return options.capital ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
