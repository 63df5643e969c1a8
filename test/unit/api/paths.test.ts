import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../../src/main/api/context'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { dispatch } from '../../../src/main/api/dispatch'
import { resolvePath } from '../../../src/main/api/paths'
import type { Face } from '../../../src/shared/contract'
import { pathSchema } from '../../../src/shared/paths'
import { appErrorFrom } from '../../support/app-error'
import { makeTempDir } from '../../support/project-fixtures'

const projectDir = resolve('/srv/cht-projects')
const fakeContext = (face: Face) =>
  ({
    face,
    defaultProjectDir: projectDir,
    dialogs: null,
    acceptTypedPath: () => true,
  }) as unknown as HandlerContext

describe('resolvePath in browser mode', () => {
  it.each([
    ['open', 'kenya.chtmig.json', join(projectDir, 'kenya.chtmig.json')],
    ['save', 'kenya', join(projectDir, 'kenya.chtmig.json')],
    ['export', join('exports', 'kenya.md'), join(projectDir, 'exports', 'kenya.md')],
  ] as const)(
    'refuses a relative path to %s, suggesting the absolute one',
    async (purpose, typed, meant) => {
      const e = await appErrorFrom(resolvePath(fakeContext('browser'), typed, purpose))
      expect(e.code).toBe('BAD_REQUEST')
      expect(e.message).toContain('on the machine running “cht-migrate serve”')
      expect(e.message).toContain('must be absolute')
      expect(e.message).toContain(`“${meant}”`)
      expect(e.details).toMatchObject({ field: 'path', suggestion: meant })
    },
  )

  it('takes an absolute path as it is', async () => {
    const path = join(projectDir, 'kenya.chtmig.json')
    await expect(resolvePath(fakeContext('browser'), path, 'open')).resolves.toBe(path)
  })
})

describe('resolvePath in the CLI', () => {
  it("resolves a relative path against the shell's working folder", async () => {
    await expect(resolvePath(fakeContext('cli'), 'kenya.chtmig.json', 'open')).resolves.toBe(
      resolve(process.cwd(), 'kenya.chtmig.json'),
    )
  })
})

describe('a path with a NUL character', () => {
  it('is refused by the contract with a message a person can act on', () => {
    const parsed = pathSchema.safeParse('a\u0000b')
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(/cannot contain a NUL character/)
  })

  describe('through dispatch', () => {
    let dir: string
    let cleanup: () => void
    let ctx: HandlerContext
    beforeEach(async () => {
      ;({ dir, cleanup } = makeTempDir('paths'))
      ctx = await createHandlerContext({
        face: 'browser',
        configDir: join(dir, 'config'),
        projectDir: join(dir, 'projects'),
        dialogs: null,
        acceptTypedPath: () => true,
      })
    })
    afterEach(async () => {
      await ctx.project.close()
      cleanup()
    })

    it('answers project.open with BAD_REQUEST', async () => {
      const result = await dispatch('project.open', { path: 'a\u0000b' }, ctx)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.code).toBe('BAD_REQUEST')
      expect(result.error.message).toMatch(/\(path\): A file path cannot contain a NUL character/)
    })

    it('answers a relative project.open in browser mode with BAD_REQUEST and the absolute path', async () => {
      const result = await dispatch('project.open', { path: 'kenya.chtmig.json' }, ctx)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.code).toBe('BAD_REQUEST')
      expect(result.error.message).toContain(join(dir, 'projects', 'kenya.chtmig.json'))
    })
  })
})
