import type { FontMetrics } from './fonts'

/**
 * Text as the PDF draws it, and how much room it takes: the layout paginates by these estimates
 * (react-pdf lays out a long document far faster page by page than all at once).
 */

/** Text ready to draw: safe characters, overlong words broken, its estimated lines. */
export interface Fitted {
  text: string
  lines: number
  /** Noto Sans alone draws it (Latin, Greek, Cyrillic): one family lays out faster than the chain. */
  latin: boolean
}

/** Drawn instead of a character none of the fonts has (an emoji, a private-use character). */
export const REPLACEMENT = '\uFFFD'
/** Estimates err on the wide side: kerning and shaping differ a little from the advances. */
const SAFETY = 1
const COMBINING = /[\p{M}\p{Cf}]/u

/** Cleans, measures and wraps text for the PDF with the fonts' own coverage and widths. */
export interface TextTools {
  /** Characters no font has become U+FFFD (marks and invisible format characters are dropped). */
  clean(text: string): { text: string; latin: boolean }
  /** Width of one line of `text` in points. */
  width(text: string, size: number, bold?: boolean): number
  /**
   * Wraps `text` into `maxWidth` as react-pdf will: words wider than a line are broken with a
   * newline (react-pdf would run them out of the page), and text past `maxLines` is cut with a
   * note of what was left out.
   */
  fit(text: string, size: number, maxWidth: number, options?: FitOptions): Fitted
}

export interface FitOptions {
  bold?: boolean
  maxLines?: number
  /** Break lines with newlines where they wrap (a table's columns are drawn line by line). */
  hard?: boolean
}

/** The text tools over the registered fonts' metrics. */
export function textTools(fonts: FontMetrics): TextTools {
  const clean = (text: string) => {
    let out = ''
    let latin = true
    let changed = false
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      if (cp === 0x0a || (cp >= 0x20 && cp < 0x7f)) {
        out += ch
        continue
      }
      if (cp === 0x09) {
        out += ' '
        changed = true
        continue
      }
      if (cp < 0x20 || cp === 0x7f) {
        changed = true
        continue
      }
      if (!fonts.covered(cp)) {
        changed = true
        if (COMBINING.test(ch)) continue
        out += REPLACEMENT
        continue
      }
      if (!fonts.primary(cp)) latin = false
      out += ch
    }
    return { text: changed ? out : text, latin }
  }

  const width = (text: string, size: number, bold = false) => {
    let em = 0
    for (const ch of text) em += fonts.advance(ch.codePointAt(0)!, bold)
    return em * size * SAFETY
  }

  /** Splits a word wider than `max` into pieces that fit (never before a combining mark). */
  const breakWord = (word: string, size: number, max: number, bold: boolean): string[] => {
    const pieces: string[] = []
    let piece = ''
    let used = 0
    const scale = size * SAFETY
    for (const ch of word) {
      const w = fonts.advance(ch.codePointAt(0)!, bold) * scale
      if (used + w > max && piece !== '' && !COMBINING.test(ch)) {
        pieces.push(piece)
        piece = ''
        used = 0
      }
      piece += ch
      used += w
    }
    if (piece !== '') pieces.push(piece)
    return pieces
  }

  /**
   * Lays out already clean text: overlong words broken, lines counted. `hard`: every line break
   * becomes a newline, so the text has exactly the lines counted (react-pdf breaks no further).
   */
  const wrap = (text: string, size: number, maxWidth: number, bold: boolean, hard: boolean) => {
    const space = width(' ', size, bold)
    let out = ''
    let lines = 0
    for (const paragraph of text.split('\n')) {
      if (lines > 0) out += '\n'
      lines += 1
      let used = 0
      let first = true
      for (const word of paragraph.split(' ')) {
        const w = width(word, size, bold)
        const gap = first ? '' : used > 0 && used + space + w > maxWidth ? (hard ? '\n' : ' ') : ' '
        if (w > maxWidth) {
          const pieces = breakWord(word, size, maxWidth, bold)
          const prefix = first ? '' : used > 0 && hard ? '\n' : ' '
          if (used > 0) lines += 1
          lines += pieces.length - 1
          used = width(pieces[pieces.length - 1]!, size, bold)
          out += prefix + pieces.join('\n')
        } else if (used > 0 && used + space + w > maxWidth) {
          lines += 1
          used = w
          out += gap + word
        } else {
          used += (used > 0 ? space : 0) + w
          out += gap + word
        }
        first = false
      }
    }
    return { text: out, lines }
  }

  const fit = (raw: string, size: number, maxWidth: number, options: FitOptions = {}): Fitted => {
    const bold = options.bold ?? false
    const hard = options.hard ?? false
    const maxLines = options.maxLines ?? Infinity
    const { text, latin } = clean(raw)
    let fitted = wrap(text, size, maxWidth, bold, hard)
    let keep = text.length
    // Too long for its place (a table cell): cut it, saying how much is left out.
    for (let round = 0; fitted.lines > maxLines && round < 4; round++) {
      keep = Math.max(1, Math.floor((keep * (maxLines - 1)) / fitted.lines) - 20)
      // Never between the halves of a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(text.charAt(keep - 1))) keep -= 1
      const rest = text.length - keep
      const cut = `${text.slice(0, keep)}… (${rest.toLocaleString('en-US')} more characters)`
      fitted = wrap(cut, size, maxWidth, bold, hard)
    }
    return { ...fitted, latin }
  }

  return { clean, width, fit }
}
