import { rgb } from 'pdf-lib';
import type { Rgb } from './text.ts';

// The look of every document: colours, page sizes and heading styles, in one place.

export const colors = {
  text: [0.1, 0.1, 0.12],
  muted: [0.36, 0.38, 0.42],
  accent: [0.09, 0.27, 0.47],
  accentLight: [0.9, 0.93, 0.97],
  rule: [0.75, 0.77, 0.8],
  zebra: [0.965, 0.97, 0.975],
  warn: [0.62, 0.16, 0.1],
  warnLight: [0.99, 0.94, 0.92],
  okLight: [0.92, 0.96, 0.93],
  white: [1, 1, 1],
} as const satisfies Record<string, Rgb>;

export type PageSize = 'A4' | 'Letter';
export const PAGE_SIZES: Record<PageSize, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

export const HEADING = {
  1: { size: 15, before: 16, after: 6, color: colors.accent },
  2: { size: 12, before: 12, after: 4, color: colors.accent },
  3: { size: 10.5, before: 8, after: 3, color: colors.text },
} as const;

export function toRgb(color: Rgb) {
  return rgb(color[0], color[1], color[2]);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
