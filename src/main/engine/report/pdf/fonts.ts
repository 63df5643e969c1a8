import { existsSync } from 'node:fs'
import { AppError } from '../../../../shared/result'
import { resolveInstalled, type PdfLib } from './pdf-lib'

/**
 * The plan's fonts: open fonts from npm packages installed with the app (never downloaded), one
 * family per script, used as a fallback chain: react-pdf takes each character from the first
 * family that has it. Noto Sans Arabic is left out on purpose: react-pdf 4.9 drops some of its
 * word-initial glyphs (diegomura/react-pdf#3555); IBM Plex Sans Arabic shapes correctly.
 */

/** The families registered. */
export const FONT_FAMILIES = [
  'NotoSans',
  'NotoSansDevanagari',
  'NotoSansEthiopic',
  'IBMPlexSansArabic',
] as const
export type FontFamilyName = (typeof FONT_FAMILIES)[number]

/**
 * The fallback chain as react-pdf's `fontFamily` takes it, for text Noto Sans alone does not
 * draw. Noto Sans Devanagari comes first: Noto Sans has Devanagari too, but the script's own
 * font is the one made for it (its Latin letters are Noto Sans's).
 */
export const FONT_CHAIN: string[] = [
  'NotoSansDevanagari',
  'NotoSans',
  'NotoSansEthiopic',
  'IBMPlexSansArabic',
]
/** Devanagari, Devanagari Extended, Vedic Extensions: drawn by Noto Sans Devanagari. */
const DEVANAGARI = (cp: number) =>
  (cp >= 0x0900 && cp <= 0x097f) || (cp >= 0xa8e0 && cp <= 0xa8ff) || (cp >= 0x1cd0 && cp <= 0x1cff)

const PACKAGES: Record<FontFamilyName, { pkg: string; file: string }> = {
  NotoSans: { pkg: '@expo-google-fonts/noto-sans', file: 'NotoSans' },
  NotoSansDevanagari: {
    pkg: '@expo-google-fonts/noto-sans-devanagari',
    file: 'NotoSansDevanagari',
  },
  NotoSansEthiopic: { pkg: '@expo-google-fonts/noto-sans-ethiopic', file: 'NotoSansEthiopic' },
  IBMPlexSansArabic: {
    pkg: '@expo-google-fonts/ibm-plex-sans-arabic',
    file: 'IBMPlexSansArabic',
  },
}

/** One font file to register: family, weight, style and where it is. */
export interface FontFile {
  family: FontFamilyName
  fontWeight: 400 | 700
  fontStyle: 'normal' | 'italic'
  path: string
}

/** The font files of the chain (regular and bold, and Noto Sans italic for missing values). */
export function fontFiles(): FontFile[] {
  const files: FontFile[] = []
  const add = (family: FontFamilyName, variant: string, fontWeight: 400 | 700, italic: boolean) => {
    const { pkg, file } = PACKAGES[family]
    const specifier = `${pkg}/${variant}/${file}_${variant}.ttf`
    const path = resolveInstalled(specifier)
    if (!path || !existsSync(path)) {
      throw new AppError(
        'INTERNAL',
        `The plan's font ${specifier} is missing: reinstall the app (npm install) so that the package ${pkg} is present.`,
        { font: specifier },
      )
    }
    files.push({ family, fontWeight, fontStyle: italic ? 'italic' : 'normal', path })
  }
  for (const family of FONT_FAMILIES) {
    add(family, '400Regular', 400, false)
    add(family, '700Bold', 700, false)
  }
  add('NotoSans', '400Regular_Italic', 400, true)
  return files
}

/** The subset of a fontkit font the plan uses: coverage, advance widths and shaping. */
interface GlyphFont {
  unitsPerEm: number
  hasGlyphForCodePoint(codePoint: number): boolean
  glyphForCodePoint(codePoint: number): { advanceWidth: number }
  layout: (text: string, ...rest: unknown[]) => unknown
}

/** Shaped strings kept per face: tables repeat their values, and react-pdf shapes each text several times. */
const SHAPED_LIMIT = 20_000

/**
 * Remembers the face's shaping of each string. react-pdf lays a text out again on every pass of
 * its pagination, and shaping (fontkit's `layout`) is most of a page's time; its result is only
 * read (the positions are copied before justification), so one result serves every pass.
 */
function memoizeShaping(face: GlyphFont): void {
  const marked = face as GlyphFont & { chtMemo?: true }
  if (marked.chtMemo) return
  marked.chtMemo = true
  const layout = face.layout.bind(face)
  const shaped = new Map<string, unknown>()
  face.layout = (text: string, ...rest: unknown[]) => {
    const key = rest.length === 0 ? text : `${text}\u0000${JSON.stringify(rest)}`
    let run = shaped.get(key)
    if (run === undefined) {
      if (shaped.size >= SHAPED_LIMIT) shaped.clear()
      run = layout(text, ...rest)
      shaped.set(key, run)
    }
    return run
  }
}

/** What the layout needs to know about the fonts: who draws a character and how wide it is. */
export interface FontMetrics {
  /** Some family of the chain has the character. */
  covered(codePoint: number): boolean
  /** Noto Sans alone draws it (text made only of these is set in Noto Sans, not the chain). */
  primary(codePoint: number): boolean
  /** Advance width of the character in em, in the regular or the bold face. */
  advance(codePoint: number, bold?: boolean): number
}

let registered: Promise<FontMetrics> | null = null

/**
 * Registers the fonts with react-pdf once per process (or worker) and loads the regular faces,
 * whose coverage and widths the layout uses. Words are never hyphenated: names stay whole, and
 * the layout breaks overlong words itself.
 */
export function registerFonts(lib: PdfLib): Promise<FontMetrics> {
  if (!registered) {
    registered = (async () => {
      const files = fontFiles()
      for (const family of FONT_FAMILIES) {
        lib.Font.register({
          family,
          fonts: files
            .filter((f) => f.family === family)
            .map((f) => ({ src: f.path, fontWeight: f.fontWeight, fontStyle: f.fontStyle })),
        })
      }
      lib.Font.registerHyphenationCallback((word: string) => [word])
      const faces = new Map<string, { regular: GlyphFont; bold?: GlyphFont }>()
      for (const file of files) {
        const source = lib.Font.getFont({ ...file, fontFamily: file.family }) as unknown as {
          load(): Promise<void>
          data: GlyphFont | null
        }
        await source.load()
        if (!source.data) throw new AppError('INTERNAL', `The font ${file.path} could not be read.`)
        memoizeShaping(source.data)
        if (file.fontStyle === 'italic') continue
        const face = faces.get(file.family) ?? { regular: source.data }
        if (file.fontWeight === 700) face.bold = source.data
        else face.regular = source.data
        faces.set(file.family, face)
      }
      const noto = faces.get('NotoSans')!
      const chain = FONT_CHAIN.map((name) => faces.get(name)!)
      return metrics(noto, chain)
    })()
    registered.catch(() => {
      registered = null
    })
  }
  return registered
}

function metrics(
  noto: { regular: GlyphFont; bold?: GlyphFont },
  chain: { regular: GlyphFont; bold?: GlyphFont }[],
): FontMetrics {
  const drawer = new Map<number, { regular: GlyphFont; bold?: GlyphFont } | null>()
  const widths = [new Map<number, number>(), new Map<number, number>()] as const
  const primary = (cp: number) => !DEVANAGARI(cp) && noto.regular.hasGlyphForCodePoint(cp)
  // The face that draws the character: Noto Sans for its own, else the chain's first that has it.
  const faceOf = (cp: number) => {
    let face = drawer.get(cp)
    if (face === undefined) {
      face = primary(cp) ? noto : (chain.find((f) => f.regular.hasGlyphForCodePoint(cp)) ?? null)
      drawer.set(cp, face)
    }
    return face
  }
  return {
    covered: (cp) => faceOf(cp) !== null,
    primary: (cp) => faceOf(cp) === noto,
    advance(cp, isBold = false) {
      const width = widths[isBold ? 1 : 0]
      let w = width.get(cp)
      if (w === undefined) {
        const face = faceOf(cp) ?? noto
        const font = (isBold ? face.bold : undefined) ?? face.regular
        w = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm
        width.set(cp, w)
      }
      return w
    },
  }
}
