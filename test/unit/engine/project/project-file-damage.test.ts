import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile, serializeProject } from '../../../../src/main/engine/project/project-file'
import type { AppError, ErrorCode } from '../../../../src/shared/result'
import { appErrorFrom } from '../../../support/app-error'
import { FIRST_ITEM, makeTempDir, sampleDocument, sha256 } from '../../../support/project-fixtures'

// Files damaged the ways a hostile-input probe damaged them: each must end in a classified
// error that says what is wrong and where, with the backup offered, never in a crash.

let dir: string
let cleanup: () => void
let path: string

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('project-damage'))
  path = join(dir, 'kenya.chtmig.json')
})
afterEach(() => cleanup())

const validText = () => serializeProject(sampleDocument())
const validBytes = () => Buffer.from(validText(), 'utf8')

async function expectLoadError(code: ErrorCode): Promise<AppError> {
  const before = sha256(path)
  const error = await appErrorFrom(readProjectFile(path))
  expect(error.code).toBe(code)
  expect(error.details?.path).toBe(path)
  expect(error.message.length).toBeLessThan(500)
  expect(sha256(path)).toBe(before)
  return error
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

describe('a project file nested too deep', () => {
  it('is refused as PROJECT_INVALID, saying how deep, and the backup is offered', async () => {
    writeFileSync(`${path}.bak`, validText())
    const doc = validText().replace('"items": {', `"extra": ${nested(10_000)},\n  "items": {`)
    writeFileSync(path, doc)
    const e = await expectLoadError('PROJECT_INVALID')
    expect(e.message).toContain('nested 10001 levels deep; a project is at most 64 levels')
    expect(e.details?.backupPath).toBe(`${path}.bak`)
  })

  it('is refused when the file is only brackets', async () => {
    writeFileSync(path, '{"a":'.repeat(100_000))
    const e = await expectLoadError('PROJECT_INVALID')
    expect(e.message).toContain('nested 100000 levels deep')
  })

  it('counts only brackets outside strings', async () => {
    const doc = sampleDocument()
    doc.items[FIRST_ITEM]!.note = `[{"\\[ ${'['.repeat(10_000)}`
    writeFileSync(path, serializeProject(doc))
    await expect(readProjectFile(path)).resolves.toEqual(doc)
  })

  it('loads a project with an extra key nested within the limit', async () => {
    writeFileSync(path, validText().replace('"items": {', `"extra": ${nested(60)},\n  "items": {`))
    await expect(readProjectFile(path)).resolves.toEqual(sampleDocument())
  })
})

describe('messages quote at most a short excerpt of the file', () => {
  it('cuts a huge schemaVersion string', async () => {
    writeFileSync(path, JSON.stringify({ ...sampleDocument(), schemaVersion: 'v'.repeat(1e6) }))
    const e = await expectLoadError('PROJECT_INVALID')
    expect(e.message).toMatch(/schemaVersion \("v{20,60}…\)/)
  })

  it('cuts a huge key in the path of an invalid field', async () => {
    const doc = sampleDocument() as unknown as { items: Record<string, unknown> }
    doc.items['k'.repeat(100_000)] = { status: 'finished' }
    writeFileSync(path, JSON.stringify(doc))
    const e = await expectLoadError('PROJECT_INVALID')
    expect(e.message).toContain('…')
    expect(String(e.details?.field).length).toBeLessThan(200)
  })
})

describe('a damaged file is told apart from a cut-off one', () => {
  // Single-bit flips of structural characters keep the file ASCII: the JSON breaks mid-file.
  const flips: Array<[string, (t: string) => number]> = [
    ['the first brace', (t) => t.indexOf('{')],
    ['a colon in the middle', (t) => t.indexOf(':', t.length / 2)],
    ['a quote three quarters in', (t) => t.indexOf('"', (t.length * 3) / 4)],
    ['a comma', (t) => t.indexOf(',', t.length / 3)],
    ['the last brace', (t) => t.lastIndexOf('}')],
  ]
  it.each(flips)('calls a flipped bit in %s damaged, saying where', async (_name, at) => {
    const bytes = validBytes()
    const position = at(validText())
    bytes[position] = bytes[position]! ^ 0x20
    writeFileSync(path, bytes)
    const e = await expectLoadError('PROJECT_CORRUPT')
    expect(e.message).toMatch(/damaged at line \d+, column \d+ \(byte \d+\)/)
    expect(e.message).not.toMatch(/cut short/)
  })

  it.each([0.2, 0.5, 0.9])(
    'calls a byte flipped at %s of the length damaged: not valid UTF-8',
    async (fraction) => {
      const bytes = validBytes()
      const position = Math.floor(bytes.length * fraction)
      bytes[position] = bytes[position]! ^ 0xff
      writeFileSync(path, bytes)
      const e = await expectLoadError('PROJECT_CORRUPT')
      expect(e.message).toContain(`byte ${position} `)
      expect(e.message).toMatch(/not valid UTF-8/)
    },
  )

  it('calls a Latin-1 character (saved by another editor) damaged: not valid UTF-8', async () => {
    writeFileSync(path, Buffer.from(validText().replace('Agreed', 'Agr\u00e9ed'), 'latin1'))
    const e = await expectLoadError('PROJECT_CORRUPT')
    expect(e.message).toMatch(/byte \d+ \(line \d+\) is not valid UTF-8/)
  })

  it.each([1, 2, 40, 0.25, 0.75, -2, -1])('calls a file cut at %s truncated', async (cut) => {
    const text = validText()
    const at =
      Math.abs(cut) < 1 ? Math.floor(text.length * cut) : cut < 0 ? text.length + cut - 1 : cut
    writeFileSync(path, text.slice(0, at))
    await expectLoadError('PROJECT_TRUNCATED')
  })

  it('calls a file cut inside a multi-byte character truncated, not invalid UTF-8', async () => {
    const text = validText().replace('Agreed', 'Ωmega agreed')
    const bytes = Buffer.from(text, 'utf8')
    const omega = bytes.indexOf(Buffer.from('Ω', 'utf8'))
    writeFileSync(path, bytes.subarray(0, omega + 1))
    await expectLoadError('PROJECT_TRUNCATED')
  })

  it('calls a whole project followed by a stray partial character damaged', async () => {
    writeFileSync(path, Buffer.concat([validBytes(), Buffer.from([0xc3])]))
    const e = await expectLoadError('PROJECT_CORRUPT')
    expect(e.message).toMatch(/damaged at line \d+/)
  })

  it('calls a file of zero bytes (a crash before the data reached the disk) empty', async () => {
    writeFileSync(path, Buffer.alloc(4096))
    const e = await expectLoadError('PROJECT_EMPTY')
    expect(e.message).toMatch(/only zero bytes/)
  })
})

describe('a project re-saved as UTF-16 by an editor', () => {
  const utf16 = (bom: boolean, bigEndian: boolean) => {
    const le = Buffer.from((bom ? '\ufeff' : '') + validText(), 'utf16le')
    return bigEndian ? Buffer.from(le).swap16() : le
  }
  it.each([
    ['little-endian with a byte-order mark', true, false],
    ['big-endian with a byte-order mark', true, true],
    ['little-endian without a byte-order mark', false, false],
    ['big-endian without a byte-order mark', false, true],
  ])('still opens: %s', async (_name, bom, bigEndian) => {
    writeFileSync(path, utf16(bom, bigEndian))
    await expect(readProjectFile(path)).resolves.toEqual(sampleDocument())
  })

  it('says it is UTF-16 and how to fix it when it cannot be decoded', async () => {
    writeFileSync(path, utf16(true, false).subarray(0, 301))
    const e = await expectLoadError('PROJECT_CORRUPT')
    expect(e.message).toMatch(/UTF-16/)
    expect(e.message).toMatch(/save it with the UTF-8 encoding/)
  })
})

describe.runIf(process.platform !== 'win32')('entries that are not regular files', () => {
  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [path])
    const e = await appErrorFrom(readProjectFile(path))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/named pipe/)
  })

  it('refuses a device', async () => {
    const e = await appErrorFrom(readProjectFile('/dev/zero'))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/device/)
  })
})
