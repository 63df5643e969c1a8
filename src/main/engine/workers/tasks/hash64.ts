import { fmix32 } from '../../hash/fmix32'

/**
 * A fast, well-mixed 64-bit hash of a string, as two unsigned 32-bit halves, and an
 * order-independent sum of such hashes (modulo 2^64): two sets hold the same strings when their
 * counts and sums agree, whatever order they were read in.
 *
 * Not cryptographic: it detects accidental differences between copies of the same data, which is
 * all a comparison of two pipelines needs.
 */
export function hash64(text: string): [number, number] {
  let h1 = 0x9747b28c ^ text.length
  let h2 = 0x85ebca6b ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  return [fmix32(h1), fmix32(h2 ^ h1)]
}

/** A running sum of 64-bit hashes, kept as two 32-bit halves. */
export class HashSum {
  private hi = 0
  private lo = 0

  add([hi, lo]: [number, number]): void {
    const sum = this.lo + lo
    this.lo = sum >>> 0
    this.hi = (this.hi + hi + (sum > 0xffffffff ? 1 : 0)) >>> 0
  }

  /** 16 hex digits. */
  toHex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0')
  }
}
