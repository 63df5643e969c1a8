import { describe, expect, it } from 'vitest'
import { byteOffsetOf, decodeText } from '../../../../src/main/engine/fs/text-decode'

const text = '{"name": "Kenya – Ωmega"}'

describe('decodeText', () => {
  it('decodes UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(Buffer.from(text))).toMatchObject({ ok: true, text, bomBytes: 0 })
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    expect(decodeText(withBom)).toMatchObject({ ok: true, text, encoding: 'utf-8', bomBytes: 3 })
  })

  it('decodes UTF-16 by its byte-order mark or by its zero bytes', () => {
    const le = Buffer.from('\ufeff' + text, 'utf16le')
    const be = Buffer.from(le).swap16()
    expect(decodeText(le)).toMatchObject({ ok: true, text, encoding: 'utf-16le', bomBytes: 2 })
    expect(decodeText(be)).toMatchObject({ ok: true, text, encoding: 'utf-16be', bomBytes: 2 })
    const bare = Buffer.from('{"name": "Kenya"}', 'utf16le')
    expect(decodeText(bare)).toMatchObject({ ok: true, text: '{"name": "Kenya"}', bomBytes: 0 })
  })

  it('reports UTF-16 that cannot be decoded', () => {
    const odd = Buffer.from('\ufeff' + text, 'utf16le').subarray(0, 9)
    expect(decodeText(odd)).toEqual({ ok: false, problem: 'utf-16', encoding: 'utf-16le' })
  })

  it('reports the first byte that is not UTF-8, with its line', () => {
    const bytes = Buffer.from('{\n"a": "x\u00e9"}', 'latin1')
    expect(decodeText(bytes)).toEqual({ ok: false, problem: 'utf-8', byteOffset: 9, line: 2 })
    const overlong = Buffer.from([0x7b, 0xc0, 0xaf, 0x7d])
    expect(decodeText(overlong)).toMatchObject({ ok: false, byteOffset: 1 })
    const surrogate = Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])
    expect(decodeText(surrogate)).toMatchObject({ ok: false, byteOffset: 1 })
  })

  it('drops a character cut off by the end of the bytes and says so', () => {
    const bytes = Buffer.from(text)
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('Ω')) + 1)
    expect(decodeText(cut)).toMatchObject({
      ok: true,
      text: '{"name": "Kenya – ',
      cutCharacter: true,
    })
  })

  it('does not take a file of zeros for UTF-16', () => {
    expect(decodeText(Buffer.alloc(64))).toMatchObject({ ok: true, encoding: 'utf-8' })
  })
})

describe('byteOffsetOf', () => {
  it('turns a character offset into the byte offset in the file', () => {
    const utf8 = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
    const le = decodeText(Buffer.from('\ufeff' + text, 'utf16le'))
    if (!utf8.ok || !le.ok) throw new Error('expected both to decode')
    const at = text.indexOf('Ω')
    expect(byteOffsetOf(utf8, at)).toBe(3 + Buffer.byteLength(text.slice(0, at)))
    expect(byteOffsetOf(le, at)).toBe(2 + 2 * at)
  })
})
