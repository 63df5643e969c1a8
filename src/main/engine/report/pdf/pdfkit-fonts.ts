import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * A speed fix for react-pdf 4.9's drawing step: it selects the font of every run of text with
 * pdfkit's `doc.font(fontkitFont, size)`, and pdfkit, given a font object rather than a name,
 * wraps it anew each time and compares the wrapper with the one it has by serializing the
 * font's name table (`isEqualFont`). On a long plan that is a fifth of the drawing time and much
 * of the garbage. Here each document remembers the wrapper per font object, so a run reuses it:
 * what pdfkit would end up with anyway.
 */

interface PdfKitDocument {
  _font: unknown
  _fontSource: unknown
  _fontFamily: unknown
  fontSize(size: number): unknown
  chtFonts?: Map<object, unknown>
}
type FontMethod = (this: PdfKitDocument, src: unknown, family?: unknown, size?: unknown) => unknown

const PATCHED = Symbol.for('cht-migrate.pdfkit-font-cache')

/** Wraps `prototype.font` with the per-document cache (once). */
export function cacheFontSelection(prototype: { font: FontMethod; [PATCHED]?: true }): void {
  if (prototype[PATCHED]) return
  const original = prototype.font
  prototype.font = function (this: PdfKitDocument, src, family, size) {
    if (src === null || typeof src !== 'object') return original.call(this, src, family, size)
    this.chtFonts ??= new Map()
    const known = this.chtFonts.get(src)
    if (known === undefined) {
      original.call(this, src, family, size)
      this.chtFonts.set(src, this._font)
      return this
    }
    this._font = known
    this._fontSource = src
    this._fontFamily = null
    const points = typeof family === 'number' ? family : size
    if (typeof points === 'number') this.fontSize(points)
    return this
  }
  prototype[PATCHED] = true
}

/**
 * Applies the fix to the pdfkit that react-pdf (at `reactPdfPath`) imports: its ES module build,
 * imported by URL (bundlers must not bundle it: it has to be the very module react-pdf uses).
 * Best effort: without it the PDF is the same, only slower.
 */
export async function speedUpPdfKit(reactPdfPath: string): Promise<void> {
  try {
    const cjs = createRequire(reactPdfPath).resolve('pdfkit')
    const url = pathToFileURL(join(dirname(cjs), 'pdfkit.node.mjs')).href
    const load = new Function('url', 'return import(url)') as (url: string) => Promise<{
      default: { prototype: { font: FontMethod } }
    }>
    cacheFontSelection((await load(url)).default.prototype)
  } catch {
    // Another pdfkit layout: draw without the fix.
  }
}
