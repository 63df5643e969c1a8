import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile, serializeProject } from '../../../../src/main/engine/project/project-file'
import {
  CURRENT_SCHEMA_VERSION,
  MAX_PROJECT_BYTES,
  type ProjectDocument,
} from '../../../../src/shared/project-schema'
import type { AppError, ErrorCode } from '../../../../src/shared/result'
import { appErrorFrom } from '../../../support/app-error'
import { FIRST_ITEM, makeTempDir, sampleDocument, sha256 } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
let path: string

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('project-file'))
  path = join(dir, 'kenya.chtmig.json')
})
afterEach(() => cleanup())

const validText = () => serializeProject(sampleDocument())

const rejection = (file: string) => appErrorFrom(readProjectFile(file))

/** Loads `file`, expects the given code, and checks that the bytes on disk did not change. */
async function expectLoadError(file: string, code: ErrorCode): Promise<AppError> {
  const before = sha256(file)
  const error = await rejection(file)
  expect(error.code).toBe(code)
  expect(error.details?.path).toBe(file)
  expect(sha256(file)).toBe(before)
  return error
}

describe('readProjectFile', () => {
  it('loads a valid project as written by serializeProject', async () => {
    writeFileSync(path, validText())
    await expect(readProjectFile(path)).resolves.toEqual(sampleDocument())
  })

  it('accepts a byte-order mark in front of the JSON', async () => {
    writeFileSync(path, '\ufeff' + validText())
    await expect(readProjectFile(path)).resolves.toEqual(sampleDocument())
  })

  it('refuses a missing file with FILE_NOT_FOUND', async () => {
    const e = await rejection(path)
    expect(e.code).toBe('FILE_NOT_FOUND')
    expect(e.details).toEqual({ path })
  })

  it('refuses a folder with BAD_REQUEST', async () => {
    mkdirSync(path)
    const e = await rejection(path)
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/is a folder/)
  })

  it('refuses a file over 50 MB with PROJECT_TOO_LARGE before reading it', async () => {
    writeFileSync(path, '')
    truncateSync(path, MAX_PROJECT_BYTES + 1) // sparse: fast to create
    const e = await expectLoadError(path, 'PROJECT_TOO_LARGE')
    expect(e.message).toMatch(/at most 50 MB/)
    expect(e.details).toMatchObject({ bytes: MAX_PROJECT_BYTES + 1 })
  })

  it('refuses an empty file with PROJECT_EMPTY', async () => {
    writeFileSync(path, '')
    await expectLoadError(path, 'PROJECT_EMPTY')
  })

  it('refuses a whitespace-only file with PROJECT_EMPTY', async () => {
    writeFileSync(path, ' \n\t\r\n  ')
    await expectLoadError(path, 'PROJECT_EMPTY')
  })

  it.each([0.5, 0.1, 0.97])(
    'recognises a file cut at %s of its length as PROJECT_TRUNCATED',
    async (fraction) => {
      const text = validText()
      writeFileSync(path, text.slice(0, Math.floor(text.length * fraction)))
      await expectLoadError(path, 'PROJECT_TRUNCATED')
    },
  )

  it('refuses garbage with PROJECT_CORRUPT', async () => {
    writeFileSync(path, 'PK\u0003\u0004 this is a zip, not a project \u0000\u0001')
    await expectLoadError(path, 'PROJECT_CORRUPT')
  })

  it('refuses JSON broken in the middle with PROJECT_CORRUPT', async () => {
    writeFileSync(path, validText().replace('"name":', '"name" ='))
    await expectLoadError(path, 'PROJECT_CORRUPT')
  })

  it('refuses another JSON file (a package.json) with PROJECT_FOREIGN', async () => {
    writeFileSync(path, readFileSync(join(__dirname, '../../../../package.json')))
    const e = await expectLoadError(path, 'PROJECT_FOREIGN')
    expect(e.message).toMatch(/JSON file, but not a CHT migration project/)
  })

  it.each(['[1, 2]', 'null', '"text"', '42'])('refuses %s with PROJECT_FOREIGN', async (json) => {
    writeFileSync(path, json)
    await expectLoadError(path, 'PROJECT_FOREIGN')
  })

  it('opens a schema 1 file by migrating it forward, without changing the file', async () => {
    const { connections: _c, demo: _d, parity: _p, ...v1 } = sampleDocument()
    writeFileSync(path, JSON.stringify({ ...v1, schemaVersion: 1 }))
    const before = sha256(path)
    const doc = await readProjectFile(path)
    expect(doc.schemaVersion).toBe(9)
    expect(doc.parity).toEqual({ metrics: [], models: [], greenDaysRequired: 14 })
    expect(doc.connections).toEqual({ couchdb: null, couch2pg: null, chtSync: null })
    expect(doc.demo).toBeNull()
    expect(doc.items).toEqual(v1.items)
    expect(sha256(path)).toBe(before)
  })

  it('refuses a newer schema with PROJECT_NEWER_VERSION', async () => {
    const newer = CURRENT_SCHEMA_VERSION + 1
    writeFileSync(path, JSON.stringify({ ...sampleDocument(), schemaVersion: newer }))
    const e = await expectLoadError(path, 'PROJECT_NEWER_VERSION')
    expect(e.message).toContain(
      `newer version of cht-migrate (schema ${newer}); this version reads up to ${CURRENT_SCHEMA_VERSION}`,
    )
    expect(e.message).toMatch(/Update the wizard/)
  })

  it('refuses schema version 0 with PROJECT_INVALID', async () => {
    writeFileSync(path, JSON.stringify({ ...sampleDocument(), schemaVersion: 0 }))
    await expectLoadError(path, 'PROJECT_INVALID')
  })

  it('names the first invalid field with PROJECT_INVALID', async () => {
    const doc = sampleDocument()
    const item = doc.items[FIRST_ITEM] as unknown as Record<string, unknown>
    item.status = 'finished'
    writeFileSync(path, JSON.stringify(doc))
    const e = await expectLoadError(path, 'PROJECT_INVALID')
    expect(e.details?.field).toBe(`items.${FIRST_ITEM}.status`)
    expect(e.message).toContain(`items.${FIRST_ITEM}.status`)
  })

  it('names an array position in the field path', async () => {
    const doc = sampleDocument()
    const evidence = doc.items[FIRST_ITEM]!.evidence[0] as unknown as Record<string, unknown>
    evidence.addedAt = 'yesterday'
    writeFileSync(path, JSON.stringify(doc))
    const e = await expectLoadError(path, 'PROJECT_INVALID')
    expect(e.details?.field).toBe(`items.${FIRST_ITEM}.evidence[0].addedAt`)
  })

  it('offers a backup that loads, and only one that loads', async () => {
    writeFileSync(`${path}.bak`, validText())
    writeFileSync(path, validText().slice(0, 100))
    const withBackup = await expectLoadError(path, 'PROJECT_TRUNCATED')
    expect(withBackup.details?.backupPath).toBe(`${path}.bak`)

    writeFileSync(`${path}.bak`, '{"format": "cht-migration-project"')
    const badBackup = await expectLoadError(path, 'PROJECT_TRUNCATED')
    expect(badBackup.details).not.toHaveProperty('backupPath')
  })

  it('offers the backup when the file itself is gone', async () => {
    writeFileSync(`${path}.bak`, validText())
    const e = await rejection(path)
    expect(e.code).toBe('FILE_NOT_FOUND')
    expect(e.details).toEqual({ path, backupPath: `${path}.bak` })
  })

  it('drops keys that are not part of the format (SEC-09)', async () => {
    const hostile = {
      ...sampleDocument(),
      password: 'hunter2',
      settings: { staleAfterDays: 7, couchPassword: 'hunter2' },
    }
    writeFileSync(path, JSON.stringify(hostile))
    const doc = await readProjectFile(path)
    expect(JSON.stringify(doc)).not.toContain('hunter2')
  })
})

describe('serializeProject', () => {
  it('writes two-space JSON with a final newline', () => {
    const text = serializeProject(sampleDocument())
    expect(text.endsWith('}\n')).toBe(true)
    expect(text.split('\n')[1]).toMatch(/^ {2}"format"/)
  })

  it('writes only the fields of the schema', () => {
    const doc = { ...sampleDocument(), dbPassword: 'hunter2' } as ProjectDocument
    expect(serializeProject(doc)).not.toContain('hunter2')
  })

  it('refuses a document that does not validate', () => {
    const doc = { ...sampleDocument(), name: '' }
    expect(() => serializeProject(doc)).toThrow(/failed validation at name/)
  })
})
