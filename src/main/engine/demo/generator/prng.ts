/**
 * Seeded pseudo-random numbers for the demo generator: the same seed gives the same documents on
 * every machine and every run. Not for anything secret.
 */
import { fmix32 } from '../../hash/fmix32'

/** Mixes 32-bit integers into one well-spread 32-bit hash (murmur3's finaliser over a chain). */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5
  for (const part of parts) h = fmix32(Math.imul(h ^ (part | 0), 0x01000193))
  return h
}

/** A number in [0, 1) drawn from the hash of `parts`: a coin that needs no generator state. */
export const hashUnit = (...parts: number[]): number => hash32(...parts) / 4294967296

/** A 32-bit code for a short label, so labels can be hashed with numbers. */
export function labelCode(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const HEX = '0123456789abcdef'

/** A small, fast generator (sfc32) with the helpers the document builders need. */
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, stream = 0) {
    this.a = hash32(seed, stream, 1)
    this.b = hash32(seed, stream, 2)
    this.c = hash32(seed, stream, 3)
    this.d = 1
    for (let i = 0; i < 12; i++) this.next32()
  }

  /** The next unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A number in [0, 1). */
  next(): number {
    return this.next32() / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, w] of entries) total += w
    let r = this.next() * total
    for (const [value, w] of entries) {
      r -= w
      if (r < 0) return value
    }
    return entries[entries.length - 1]![0]
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = ''
    while (out.length < length) {
      let n = this.next32()
      for (let i = 0; i < 8 && out.length < length; i++) {
        out += HEX[n & 15]
        n >>>= 4
      }
    }
    return out
  }

  /** A version-4-shaped UUID, as CHT gives its documents. */
  uuid(): string {
    const h = this.hex(32)
    const variant = HEX[8 + (parseInt(h[16]!, 16) & 3)]
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`
  }

  /** A string of `length` decimal digits (shortcodes, phone numbers). */
  digits(length: number): string {
    let out = ''
    for (let i = 0; i < length; i++) out += String(this.next32() % 10)
    return out
  }
}
