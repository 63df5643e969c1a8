import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSize, parseWhole } from '../../../src/main/cli/demo-command'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import { memoryIo } from '../../support/memory-io'

let base: string
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-demo-cmd-'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('cht-migrate demo options', () => {
  it('reads --size, defaulting to small', () => {
    expect(parseSize(undefined)).toBe('small')
    expect(parseSize('large')).toBe('large')
    expect(() => parseSize('huge')).toThrow(/Invalid --size “huge”: give small, medium, large/)
  })

  it('reads whole numbers within bounds', () => {
    expect(parseWhole('docs', undefined, 100, 10)).toBeUndefined()
    expect(parseWhole('docs', '2500', 100, 20_000_000)).toBe(2500)
    expect(parseWhole('seed', '-3', -10, 10)).toBe(-3)
    for (const bad of ['99', '1e5', '2.5', 'many', '']) {
      expect(() => parseWhole('docs', bad, 100, 20_000_000), bad).toThrow(/Invalid --docs/)
    }
  })

  it('is listed in the help with its options', async () => {
    const io = memoryIo()
    expect(await main(['--help'], io.io)).toBe(ExitCode.Ok)
    expect(io.stdout()).toMatch(/\n\s+demo\s+Start a demo CHT deployment/)
    const own = memoryIo()
    expect(await main(['demo', '--help'], own.io)).toBe(ExitCode.Ok)
    for (const option of ['--size SIZE', '--docs N', '--seed S', '--keep DIR', '--json']) {
      expect(own.stdout()).toContain(option)
    }
  })

  it('refuses bad input with exit 2 before starting anything', async () => {
    const file = join(base, 'file')
    await writeFile(file, 'x')
    for (const args of [
      ['demo', '--docs', '50'],
      ['demo', '--keep', file],
      ['demo', '--size', 'tiny'],
      ['demo', '--unknown'],
    ]) {
      const io = memoryIo()
      expect(await main(args, io.io), args.join(' ')).toBe(ExitCode.BadInput)
      expect(io.stdout()).toBe('')
      expect(io.stderr()).toMatch(/cht-migrate: .+ See cht-migrate demo --help\.|cht-migrate: /)
    }
  })

  it('refuses --demo together with --project for serve', async () => {
    const io = memoryIo()
    expect(await main(['serve', '--demo', '--project', 'x.chtmig.json'], io.io)).toBe(
      ExitCode.BadInput,
    )
    expect(io.stderr()).toMatch(/either --project or --demo/)
  })
})
