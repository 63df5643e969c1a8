import { execFileSync } from 'node:child_process'
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkExportTarget, writeExportFile } from '../../../../src/main/engine/fs/export-target'
import { appErrorFrom } from '../../../support/app-error'
import { makeTempDir, sha256 } from '../../../support/project-fixtures'

const posix = process.platform !== 'win32'
let dir: string
let cleanup: () => void
let project: string
let projectHash: string

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('export-target'))
  project = join(dir, 'kenya.chtmig.json')
  writeFileSync(project, '{"format":"cht-migration-project"}\n')
  writeFileSync(`${project}.bak`, '{"format":"cht-migration-project","old":true}\n')
  projectHash = sha256(project)
})
afterEach(() => {
  // Whatever was refused, the project and its backup are as they were.
  expect(sha256(project)).toBe(projectHash)
  expect(readFileSync(`${project}.bak`, 'utf8')).toContain('"old":true')
  cleanup()
})

const refusal = async (path: string, projectPath: string | null = project) => {
  const e = await appErrorFrom(checkExportTarget(path, { projectPath }))
  expect(e.code).toBe('BAD_REQUEST')
  expect(e.details?.path).toBe(path)
  return e.message
}

describe('checkExportTarget', () => {
  it('accepts a new file and an existing regular file that is not the project', async () => {
    await expect(checkExportTarget(join(dir, 'kenya.md'), { projectPath: project })).resolves.toBe(
      undefined,
    )
    writeFileSync(join(dir, 'old.md'), '# old')
    await expect(checkExportTarget(join(dir, 'old.md'), { projectPath: project })).resolves.toBe(
      undefined,
    )
    await expect(checkExportTarget(project, { projectPath: null })).resolves.toBe(undefined)
  })

  it('refuses the project file, however its path is spelled', async () => {
    for (const spelling of [
      project,
      join(dir, '.', 'kenya.chtmig.json'),
      join(dir, 'x', '..', 'kenya.chtmig.json'),
    ]) {
      expect(await refusal(spelling)).toMatch(/is the project file itself/)
    }
  })

  it('refuses the backup of the project, existing or not', async () => {
    expect(await refusal(`${project}.bak`)).toMatch(/is the project's backup/)
    const other = join(dir, 'new.chtmig.json')
    expect(await refusal(`${other}.bak`, other)).toMatch(/is the project's backup/)
  })

  it.runIf(posix)('refuses another name (a hard link) for the project or its backup', async () => {
    linkSync(project, join(dir, 'hard.md'))
    expect(await refusal(join(dir, 'hard.md'))).toMatch(/is the project file itself/)
    linkSync(`${project}.bak`, join(dir, 'hard-bak.md'))
    expect(await refusal(join(dir, 'hard-bak.md'))).toMatch(/is the project's backup/)
  })

  it.runIf(posix)(
    'refuses any symlink: to the project, to its backup, to elsewhere, dangling',
    async () => {
      writeFileSync(join(dir, 'other.md'), 'x')
      const targets = {
        project,
        backup: `${project}.bak`,
        other: join(dir, 'other.md'),
        none: join(dir, 'none'),
      }
      for (const [name, target] of Object.entries(targets)) {
        symlinkSync(target, join(dir, `to-${name}.md`))
        expect(await refusal(join(dir, `to-${name}.md`))).toMatch(/is a symbolic link/)
      }
    },
  )

  it.runIf(posix)('refuses the project reached through a linked folder', async () => {
    symlinkSync(dir, join(dir, 'linked'))
    expect(await refusal(join(dir, 'linked', 'kenya.chtmig.json'))).toMatch(/project file itself/)
    const other = join(dir, 'new.chtmig.json')
    expect(await refusal(join(dir, 'linked', 'new.chtmig.json.bak'), other)).toMatch(/backup/)
  })

  it.runIf(posix)(
    'refuses the real file and its backup when the project path is a link',
    async () => {
      const realDir = join(dir, 'real')
      mkdirSync(realDir)
      const real = join(realDir, 'p.chtmig.json')
      writeFileSync(real, '{}')
      const linked = join(dir, 'p.chtmig.json')
      symlinkSync(real, linked)
      expect(await refusal(real, linked)).toMatch(/project file itself/)
      expect(await refusal(`${real}.bak`, linked)).toMatch(/backup/)
    },
  )

  it('refuses a folder', async () => {
    mkdirSync(join(dir, 'folder.md'))
    expect(await refusal(join(dir, 'folder.md'))).toMatch(/is a folder/)
  })

  it.runIf(posix)('refuses a named pipe and a device', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    expect(await refusal(join(dir, 'pipe.md'))).toMatch(/named pipe \(FIFO\)/)
    expect(await refusal('/dev/null')).toMatch(/is a device/)
  })
})

describe('writeExportFile', () => {
  it('writes a new export, and replaces an old one, without keeping a .bak', async () => {
    const target = join(dir, 'kenya.md')
    await expect(writeExportFile(target, '# one\n', { projectPath: project })).resolves.toEqual({
      path: target,
      bytes: 6,
    })
    await writeExportFile(target, '# two\n', { projectPath: project })
    expect(readFileSync(target, 'utf8')).toBe('# two\n')
    expect(readdirSync(dir).sort()).toEqual([
      'kenya.chtmig.json',
      'kenya.chtmig.json.bak',
      'kenya.md',
    ])
  })

  it.runIf(posix)('never writes the Markdown through a link onto the project', async () => {
    const link = join(dir, 'kenya.md')
    symlinkSync(project, link)
    const e = await appErrorFrom(writeExportFile(link, '# Markdown\n', { projectPath: project }))
    expect(e.message).toMatch(/symbolic link/)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(existsSync(`${link}.bak`)).toBe(false)
  })

  it('refuses the project and its backup as targets', async () => {
    await appErrorFrom(writeExportFile(project, '# Markdown\n', { projectPath: project }))
    await appErrorFrom(writeExportFile(`${project}.bak`, '# Markdown\n', { projectPath: project }))
  })
})
