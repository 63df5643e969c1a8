import { createElement, type ReactElement, type ReactNode } from 'react'
import type { PdfLib } from './pdf-lib'

/**
 * SVG markup (the app's charts through `renderToStaticMarkup`) turned into react-pdf's SVG
 * primitives, so the PDF's charts are vector graphics drawn by the same components as the app.
 *
 * Bounded on purpose: the elements and attributes the charts use, nothing else (no CSS, no
 * `<use>`, no gradients). A pattern fill (react-pdf has none) becomes the pattern's background
 * colour; the charts never rest a meaning on the hatching alone. `dy` in `em` becomes a shift of
 * `y`, titles and accessibility attributes are dropped (the PDF prints the chart's text beside it).
 */

interface SvgNode {
  tag: string
  attrs: Record<string, string>
  children: (SvgNode | string)[]
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : ''
    }
    return ENTITIES[name] ?? whole
  })

/** Parses the well-formed markup React emits (double-quoted attributes, no comments). */
export function parseSvg(markup: string): SvgNode | null {
  const root: SvgNode = { tag: '#root', attrs: {}, children: [] }
  const stack = [root]
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g
  for (let m = token.exec(markup); m; m = token.exec(markup)) {
    const parent = stack[stack.length - 1]!
    if (m[5] !== undefined) {
      parent.children.push(decode(m[5]))
      continue
    }
    if (m[1]) {
      if (stack.length > 1) stack.pop()
      continue
    }
    const attrs: Record<string, string> = {}
    for (const a of (m[3] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!)
    const node: SvgNode = { tag: m[2]!.toLowerCase(), attrs, children: [] }
    parent.children.push(node)
    if (!m[4]) stack.push(node)
  }
  return root.children.find((c): c is SvgNode => typeof c !== 'string' && c.tag === 'svg') ?? null
}

const GEOMETRY = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry']
const PAINT = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'fill-opacity',
  'stroke-opacity',
  'transform',
  'text-anchor',
  'd',
  'points',
]
/** An element of react-pdf's SVG primitives from attributes checked above (untyped on purpose). */
const el = (type: unknown, props: Record<string, unknown>, ...children: ReactNode[]) =>
  createElement(type as never, props as never, ...children)

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** What text inherits from its groups. */
interface Inherited {
  fontSize: number
  fontWeight: number | string | undefined
}

/**
 * The markup as react-pdf elements `width` points wide (height in proportion), text set in
 * the font family `fontFamily` gives for its words (the charts name the page's system fonts).
 */
export function svgToPdf(
  lib: PdfLib,
  markup: string,
  width: number,
  fontFamily: (text: string) => string | string[],
): ReactElement | null {
  const svg = parseSvg(markup)
  if (!svg) return null
  const patterns = new Map<string, string>()
  const collect = (node: SvgNode) => {
    if (node.tag === 'pattern' && node.attrs.id) {
      const background = node.children.find(
        (c): c is SvgNode => typeof c !== 'string' && c.tag === 'rect' && !!c.attrs.fill,
      )
      patterns.set(node.attrs.id, background?.attrs.fill ?? '#eeeeee')
    }
    for (const child of node.children) if (typeof child !== 'string') collect(child)
  }
  collect(svg)
  const paint = (value: string) => {
    const ref = /^url\(#([^)]+)\)$/.exec(value.trim())
    return ref ? (patterns.get(ref[1]!) ?? '#eeeeee') : value
  }

  const props = (node: SvgNode, inherited: Inherited) => {
    const out: Record<string, unknown> = {}
    for (const name of GEOMETRY) {
      const value = node.attrs[name]
      if (value !== undefined && Number.isFinite(Number(value))) out[name] = Number(value)
    }
    for (const name of PAINT) {
      const value = node.attrs[name]
      if (value === undefined) continue
      out[camel(name)] = name === 'fill' || name === 'stroke' ? paint(value) : value
    }
    if (out.strokeWidth !== undefined) out.strokeWidth = Number(out.strokeWidth) || 1
    if (out.opacity !== undefined) out.opacity = Number(out.opacity)
    const fontSize = Number(node.attrs['font-size'] ?? inherited.fontSize)
    const fontWeight = node.attrs['font-weight'] ?? inherited.fontWeight
    return { out, inherited: { fontSize: Number.isFinite(fontSize) ? fontSize : 10, fontWeight } }
  }

  const convert = (node: SvgNode, inherited: Inherited, key: number): ReactNode => {
    const { out, inherited: next } = props(node, inherited)
    const kids = (inText: boolean) =>
      node.children
        .map((child, i) =>
          typeof child === 'string' ? (inText ? child : null) : convert(child, next, i),
        )
        .filter((c) => c !== null)
    out.key = key
    switch (node.tag) {
      case 'g':
        return el(lib.G, out, ...kids(false))
      case 'rect':
        return el(lib.Rect, out)
      case 'line':
        return el(lib.Line, out)
      case 'path':
        return el(lib.Path, out)
      case 'circle':
        return el(lib.Circle, out)
      case 'ellipse':
        return el(lib.Ellipse, out)
      case 'polyline':
        return el(lib.Polyline, out)
      case 'polygon':
        return el(lib.Polygon, out)
      case 'text':
      case 'tspan': {
        const dy = /^(-?[\d.]+)em$/.exec(node.attrs.dy ?? '')
        const dyPx = dy ? Number(dy[1]) * next.fontSize : Number(node.attrs.dy ?? 0) || 0
        const dx = Number(node.attrs.dx ?? 0) || 0
        if (dyPx) out.y = Number(out.y ?? 0) + dyPx
        if (dx) out.x = Number(out.x ?? 0) + dx
        const text = kids(true)
        if (text.length === 0) return null
        const words = text.filter((t): t is string => typeof t === 'string').join('')
        out.style = {
          fontSize: next.fontSize,
          fontFamily: fontFamily(words),
          fontWeight: Number(next.fontWeight ?? 400) || 400,
        }
        return el(node.tag === 'text' ? lib.Text : lib.Tspan, out, ...text)
      }
      default:
        // title, desc, defs (patterns were read above), anything unknown: not drawn.
        return null
    }
  }

  const [, , w, h] = (svg.attrs.viewBox ?? `0 0 ${svg.attrs.width} ${svg.attrs.height}`)
    .split(/[\s,]+/)
    .map(Number)
  const viewW = Number.isFinite(w) && w! > 0 ? w! : 100
  const viewH = Number.isFinite(h) && h! > 0 ? h! : 100
  const base: Inherited = { fontSize: 10, fontWeight: undefined }
  return el(
    lib.Svg,
    { width, height: (width * viewH) / viewW, viewBox: `0 0 ${viewW} ${viewH}` },
    ...svg.children.map((c, i) => (typeof c === 'string' ? null : convert(c, base, i))),
  )
}
