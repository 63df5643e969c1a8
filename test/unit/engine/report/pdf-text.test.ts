import { beforeAll, describe, expect, it } from 'vitest'
import { registerFonts } from '../../../../src/main/engine/report/pdf/fonts'
import {
  REPLACEMENT,
  textTools,
  type TextTools,
} from '../../../../src/main/engine/report/pdf/measure'
import { loadPdfLib, type PdfLib } from '../../../../src/main/engine/report/pdf/pdf-lib'
import { parseSvg, svgToPdf } from '../../../../src/main/engine/report/pdf/svg-convert'

/**
 * The PDF's text tools over the bundled fonts (which characters they draw, how lines wrap) and
 * its SVG converter (the app's chart markup into react-pdf's primitives).
 */
let lib: PdfLib
let tools: TextTools

beforeAll(async () => {
  lib = await loadPdfLib()
  tools = textTools(await registerFonts(lib))
}, 60_000)

describe('the text tools', () => {
  it('keeps the four scripts and replaces what no font draws', () => {
    for (const name of ['Amina Otieno', 'क्षेत्रीय अस्पताल', 'ሰላም ጤና ጣቢያ', 'مستشفى الملك فهد']) {
      expect(tools.clean(name).text).toBe(name)
    }
    expect(tools.clean('Amina Otieno').latin).toBe(true)
    expect(tools.clean('ሰላም').latin).toBe(false)
    // Noto Sans has Devanagari too, but Noto Sans Devanagari draws it (the chain, not Noto Sans).
    expect(tools.clean('क्षेत्रीय').latin).toBe(false)
    expect(tools.clean('a🏥b\uE000c').text).toBe(`a${REPLACEMENT}b${REPLACEMENT}c`)
    expect(tools.clean('tab\there\u0007').text).toBe('tab here')
  })

  it('breaks a word wider than the line and cuts text past the lines allowed', () => {
    const long = tools.fit('x'.repeat(10_000), 8, 100)
    expect(long.lines).toBeGreaterThan(100)
    for (const line of long.text.split('\n')) expect(tools.width(line, 8)).toBeLessThanOrEqual(100)
    const cut = tools.fit('word '.repeat(2_000), 8, 100, { maxLines: 10 })
    expect(cut.lines).toBeLessThanOrEqual(10)
    expect(cut.text).toMatch(/… \([\d,]+ more characters\)$/)
  })

  it('breaks lines itself when asked, each within the width', () => {
    const fitted = tools.fit('Replace with base models as the data team agreed', 8, 60, {
      hard: true,
    })
    const lines = fitted.text.split('\n')
    expect(lines).toHaveLength(fitted.lines)
    for (const line of lines) expect(tools.width(line, 8)).toBeLessThanOrEqual(60)
  })
})

describe('the SVG converter', () => {
  const markup =
    '<svg width="100" height="50" viewBox="0 0 100 50" role="img" aria-label="x"><title>x</title>' +
    '<defs><pattern id="h" width="5" height="5"><rect width="5" height="5" fill="#fdecea"></rect></pattern></defs>' +
    '<g transform="translate(4, 2)" font-size="11"><rect x="1" y="2" width="3" height="4" fill="url(#h)"></rect>' +
    '<text x="5" y="6" dy="0.5em" text-anchor="end">A &amp; B</text></g></svg>'

  it('parses the markup React writes', () => {
    const svg = parseSvg(markup)
    expect(svg?.tag).toBe('svg')
    expect(svg?.children.map((c) => (typeof c === 'string' ? c : c.tag))).toEqual([
      'title',
      'defs',
      'g',
    ])
  })

  it('draws with react-pdf primitives, a pattern fill as its background colour', () => {
    const element = svgToPdf(lib, markup, 200, () => 'NotoSans') as {
      type: unknown
      props: { width: number; height: number; children: { props: { children: unknown[] } }[] }
    }
    expect(element.type).toBe(lib.Svg)
    expect(element.props.width).toBe(200)
    expect(element.props.height).toBe(100)
    const group = element.props.children.find(Boolean) as unknown as {
      type: unknown
      props: { transform: string; children: { props: Record<string, unknown> }[] }
    }
    expect(group.type).toBe(lib.G)
    const [rect, text] = group.props.children
    expect(rect!.props.fill).toBe('#fdecea')
    // dy="0.5em" at 11: y moves by 5.5; the words decoded.
    expect(text!.props.y).toBe(11.5)
    expect(text!.props.children).toBe('A & B')
    expect(text!.props.style).toMatchObject({ fontSize: 11, fontFamily: 'NotoSans' })
  })
})
