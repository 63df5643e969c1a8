/** The encodings a text file is read in: UTF-8, or UTF-16 as some editors save it. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be'

/** The text of a file, or why its bytes are not text in the encoding they appear to be in. */
export type DecodedText =
  | {
      ok: true
      text: string
      encoding: TextEncodingName
      /** Bytes of the byte-order mark that preceded the text (0 when there was none). */
      bomBytes: number
      /** True when the bytes ended inside a UTF-8 character (a file cut short), dropped here. */
      cutCharacter: boolean
    }
  | { ok: false; problem: 'utf-8'; byteOffset: number; line: number }
  | { ok: false; problem: 'utf-16'; encoding: 'utf-16le' | 'utf-16be' }

// Enough of the start of a file to recognise UTF-16 without a byte-order mark by its zero bytes.
const SNIFF_BYTES = 1024

/**
 * Decodes the bytes of a text file strictly: UTF-8 (with or without a byte-order mark), or UTF-16
 * little- or big-endian, recognised by its byte-order mark or by zero bytes in every other
 * position (ASCII text saved as UTF-16). Bytes that are not valid in the encoding are not
 * replaced with U+FFFD, which would silently change the content: they are reported, as the byte
 * offset and line of the first one. A UTF-8 character cut off by the end of the bytes is dropped
 * and flagged, so a file cut short reads as cut short rather than as damaged.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const utf16 = utf16Encoding(bytes)
  if (utf16) {
    try {
      const text = new TextDecoder(utf16.encoding, { fatal: true }).decode(bytes)
      return { ok: true, text, encoding: utf16.encoding, bomBytes: utf16.bom, cutCharacter: false }
    } catch {
      return { ok: false, problem: 'utf-16', encoding: utf16.encoding }
    }
  }
  const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { ok: true, text, encoding: 'utf-8', bomBytes, cutCharacter: false }
  } catch {
    const invalid = firstInvalidUtf8(bytes)
    if (invalid.cutAtEnd) {
      const text = new TextDecoder('utf-8').decode(bytes.subarray(0, invalid.offset))
      return { ok: true, text, encoding: 'utf-8', bomBytes, cutCharacter: true }
    }
    let line = 1
    for (let i = 0; i < invalid.offset; i++) if (bytes[i] === 0x0a) line++
    return { ok: false, problem: 'utf-8', byteOffset: invalid.offset, line }
  }
}

/** The byte offset in the file of character `offset` of a decoded text. */
export function byteOffsetOf(decoded: DecodedText & { ok: true }, offset: number): number {
  const before = decoded.text.slice(0, offset)
  const bytes = decoded.encoding === 'utf-8' ? Buffer.byteLength(before, 'utf8') : 2 * before.length
  return decoded.bomBytes + bytes
}

function utf16Encoding(
  bytes: Uint8Array,
): { encoding: 'utf-16le' | 'utf-16be'; bom: number } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 }
  const sniff = Math.min(bytes.length, SNIFF_BYTES) & ~1
  if (sniff < 2) return null
  let evenNonZero = false
  let oddNonZero = false
  for (let i = 0; i < sniff; i += 2) {
    if (bytes[i] !== 0) evenNonZero = true
    if (bytes[i + 1] !== 0) oddNonZero = true
  }
  // Every other byte zero and the others not (a file of zeros is neither).
  if (evenNonZero && !oddNonZero) return { encoding: 'utf-16le', bom: 0 }
  if (oddNonZero && !evenNonZero) return { encoding: 'utf-16be', bom: 0 }
  return null
}

/** The first byte that does not start a valid UTF-8 sequence (WHATWG rules). */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; cutAtEnd: boolean } {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lower = 0x80
    let upper = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lower = 0xa0
      if (b === 0xed) upper = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lower = 0x90
      if (b === 0xf4) upper = 0x8f
    } else {
      return { offset: i, cutAtEnd: false }
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return { offset: i, cutAtEnd: true }
      const c = bytes[i + k]!
      if (c < lower || c > upper) return { offset: i, cutAtEnd: false }
      lower = 0x80
      upper = 0xbf
    }
    i += need + 1
  }
  return { offset: bytes.length, cutAtEnd: false }
}
