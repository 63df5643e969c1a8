import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ScaffoldFile } from '../../../../../src/main/engine/inventory/scaffold/build-scaffold'
import { writeDbtScaffold } from '../../../../../src/main/engine/inventory/scaffold/write-scaffold'
import { AppError } from '../../../../../src/shared/result'
import { makeTempDir } from '../../../../support/project-fixtures'

const FILES: ScaffoldFile[] = [
  { path: 'dbt_project.yml', content: 'name: kenya\n' },
  { path: 'models/schema.yml', content: 'version: 2\n' },
  { path: 'models/anc.sql', content: 'SELECT 1\n' },
]

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
const tempDir = () => {
  const t = makeTempDir('scaffold')
  cleanups.push(t.cleanup)
  return t.dir
}

const refusal = async (promise: Promise<unknown>): Promise<AppError> => {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

describe('writeDbtScaffold', () => {
  it('writes every file into an empty folder, creating the models folder', async () => {
    const dir = tempDir()
    const { written } = await writeDbtScaffold(dir, FILES, { overwrite: false })
    expect(written).toEqual(FILES.map((f) => f.path))
    for (const f of FILES) expect(readFileSync(join(dir, f.path), 'utf8')).toBe(f.content)
  })

  it('creates a folder that does not exist yet', async () => {
    const dir = join(tempDir(), 'new', 'dbt')
    await writeDbtScaffold(dir, FILES, { overwrite: false })
    expect(readdirSync(dir).sort()).toEqual(['dbt_project.yml', 'models'])
  })

  it('refuses a folder that is not empty, writing nothing', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const e = await refusal(writeDbtScaffold(dir, FILES, { overwrite: false }))
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/is not empty \(1 entry\), so nothing was written/)
    expect(e.details).toMatchObject({ reason: 'not-empty', entries: 1 })
    expect(readdirSync(dir)).toEqual(['notes.txt'])
  })

  it('with overwrite, replaces its own files and leaves others alone', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'models'))
    writeFileSync(join(dir, 'models', 'anc.sql'), 'old')
    writeFileSync(join(dir, 'models', 'mine.sql'), 'keep me')
    writeFileSync(join(dir, 'README.md'), 'my readme')
    await writeDbtScaffold(dir, FILES, { overwrite: true })
    expect(readFileSync(join(dir, 'models', 'anc.sql'), 'utf8')).toBe('SELECT 1\n')
    expect(readFileSync(join(dir, 'models', 'mine.sql'), 'utf8')).toBe('keep me')
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('my readme')
    expect(readdirSync(join(dir, 'models')).sort()).toEqual(['anc.sql', 'mine.sql', 'schema.yml'])
  })

  it('never writes through a link, and refuses before writing anything', async () => {
    const dir = tempDir()
    const outside = tempDir()
    symlinkSync(outside, join(dir, 'models'))
    const e = await refusal(writeDbtScaffold(dir, FILES, { overwrite: true }))
    expect(e.code).toBe('BAD_REQUEST')
    expect(e.message).toMatch(/symbolic link/)
    expect(readdirSync(outside)).toEqual([])
    expect(existsSync(join(dir, 'dbt_project.yml'))).toBe(false)

    const other = tempDir()
    const target = join(outside, 'victim.yml')
    writeFileSync(target, 'untouched')
    symlinkSync(target, join(other, 'dbt_project.yml'))
    await refusal(writeDbtScaffold(other, FILES, { overwrite: true }))
    expect(readFileSync(target, 'utf8')).toBe('untouched')
    expect(existsSync(join(other, 'models'))).toBe(false)
  })

  it('never replaces the project file', async () => {
    const dir = tempDir()
    const project = join(dir, 'dbt_project.yml')
    writeFileSync(project, '{"format":"project"}')
    const e = await refusal(writeDbtScaffold(dir, FILES, { overwrite: true, projectPath: project }))
    expect(e.message).toMatch(/project file/)
    expect(readFileSync(project, 'utf8')).toBe('{"format":"project"}')
  })

  it('refuses a path that could leave the folder', async () => {
    const dir = tempDir()
    const e = await refusal(
      writeDbtScaffold(dir, [{ path: '../escape.sql', content: 'x' }], { overwrite: false }),
    )
    expect(e.code).toBe('INTERNAL')
    expect(readdirSync(dir)).toEqual([])
  })
})
