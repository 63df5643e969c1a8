// Draws the app icon (build/icon.png for the installers, resources/icon.png for the window):
// an old database, an arrow, and the new database, in white on a teal rounded square.
// Run `node build/make-icon.mjs` after changing it; the PNGs are committed.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4 // per axis, for anti-aliased edges

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const ellipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
const cylinder = (cx, top, bottom, rx, ry) => (x, y) =>
  (Math.abs(x - cx) <= rx && y >= top && y <= bottom) ||
  ellipse(x, y, cx, top, rx, ry) <= 1 ||
  ellipse(x, y, cx, bottom, rx, ry) <= 1
// The lower half of an ellipse outline: the rims that make a cylinder read as a database.
const rim = (cx, cy, rx, ry, width) => (x, y) => {
  if (y < cy || Math.abs(x - cx) > rx) return false
  const d = Math.sqrt(ellipse(x, y, cx, cy, rx, ry))
  return Math.abs(d - 1) * Math.min(rx, ry) <= width / 2
}
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry)
  const d1 = s(x, y, ax, ay, bx, by)
  const d2 = s(x, y, bx, by, cx, cy)
  const d3 = s(x, y, cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}

const left = cylinder(136, 176, 336, 72, 26)
const right = cylinder(376, 176, 336, 72, 26)
const rims = [176, 232, 288].flatMap((y) => [rim(136, y, 72, 26, 10), rim(376, y, 72, 26, 10)])
const arrow = (x, y) =>
  (x >= 220 && x <= 268 && y >= 244 && y <= 268) ||
  inTriangle(x, y, [262, 218], [262, 294], [300, 256])

function colourAt(x, y) {
  if (!inRoundedRect(x, y, 24, 24, 488, 488, 96)) return null
  const t = (y - 24) / 464
  const teal = [Math.round(20 - 6 * t), Math.round(128 - 38 * t), Math.round(140 - 30 * t)]
  if (rims.some((inside) => inside(x, y))) return teal
  if (right(x, y)) return [255, 255, 255]
  if (left(x, y)) return teal.map((c) => Math.round(c + (255 - c) * 0.6))
  if (arrow(x, y)) return [255, 255, 255]
  return teal
}

const rows = []
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4)
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
        if (!c) continue
        r += c[0]
        g += c[1]
        b += c[2]
        a += 1
      }
    }
    const o = 1 + px * 4
    if (a > 0) {
      row[o] = Math.round(r / a)
      row[o + 1] = Math.round(g / a)
      row[o + 2] = Math.round(b / a)
      row[o + 3] = Math.round((255 * a) / SAMPLES ** 2)
    }
  }
  rows.push(row)
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
for (const target of ['build/icon.png', 'resources/icon.png']) writeFileSync(target, png)
console.log(`wrote build/icon.png and resources/icon.png (${png.length} bytes)`)
