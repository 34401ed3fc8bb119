import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { woffToTrueType } from './layout/subset.ts';

/**
 * The font files every PDF embeds (subset). Read from disk once per process and shared by every
 * document of every tenant in a run: a multi-tenant build calls loadPdfFonts() as often as it likes.
 *
 * - Noto Sans (regular, bold, italic): Latin, Greek and Cyrillic. Open Font License.
 * - Noto Sans Arabic (regular, bold): fallback for Arabic-script runs, which Noto Sans lacks.
 *   Optional: when the package is not installed, Arabic characters are replaced by "?" rather than
 *   crashing the build.
 * - Noto Sans Math (regular): the symbols Noto Sans lacks that the texts use, above all the arrow of portal paths
 *   ("Entra ID → Users"), and ≥, ≤, ✓. Shipped as WOFF only, so it is unpacked to TrueType once here.
 */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  /** Fallback for characters the main font has no glyph for (Arabic script), or null if unavailable. */
  fallback: { regular: Uint8Array; bold: Uint8Array } | null;
  /** Symbols (arrows, comparison signs, check marks) for every weight: Noto Sans has none of them. */
  symbols: Uint8Array;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

async function readFont(dir: string, file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(join(dir, file)));
}

async function load(): Promise<PdfFonts> {
  const noto = packageDir('@expo-google-fonts/noto-sans');
  if (!noto) throw new Error('The PDF renderer needs the @expo-google-fonts/noto-sans package; it is not installed.');
  const [regular, bold, italic] = await Promise.all([
    readFont(noto, '400Regular/NotoSans_400Regular.ttf'),
    readFont(noto, '700Bold/NotoSans_700Bold.ttf'),
    readFont(noto, '400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  ]);
  const math = packageDir('@fontsource/noto-sans-math');
  if (!math) throw new Error('The PDF renderer needs the @fontsource/noto-sans-math package; it is not installed.');
  const symbols = woffToTrueType(await readFont(math, 'files/noto-sans-math-latin-400-normal.woff'));
  const arabic = packageDir('@expo-google-fonts/noto-sans-arabic');
  let fallback: PdfFonts['fallback'] = null;
  if (arabic) {
    try {
      const [arRegular, arBold] = await Promise.all([readFont(arabic, '400Regular/NotoSansArabic_400Regular.ttf'), readFont(arabic, '700Bold/NotoSansArabic_700Bold.ttf')]);
      fallback = { regular: arRegular, bold: arBold };
    } catch {
      fallback = null;
    }
  }
  return { regular, bold, italic, fallback, symbols };
}

let cached: Promise<PdfFonts> | null = null;

/** Loads the font files once per process; later calls return the same bytes. */
export function loadPdfFonts(): Promise<PdfFonts> {
  cached ??= load().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
