import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { wholeNumber } from '../../../src/main/cli/demo-command'
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
beforeEach(() => {
  vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(base, 'config'))
})
afterEach(() => vi.unstubAllEnvs())

describe('cht-migrate demo options', () => {
  it('reads whole numbers only; their bounds are the contract’s', () => {
    expect(wholeNumber('docs', undefined)).toBeUndefined()
    expect(wholeNumber('docs', '2500')).toBe(2500)
    expect(wholeNumber('seed', '-3')).toBe(-3)
    for (const bad of ['1e5', '2.5', 'many', '', '0x10']) {
      expect(() => wholeNumber('docs', bad), bad).toThrow(/Invalid --docs/)
    }
  })

  it('is listed in the help with its options', async () => {
    const io = memoryIo()
    expect(await main(['--help'], io.io)).toBe(ExitCode.Ok)
    expect(io.stdout()).toMatch(/\n\s+demo\s+Start a demo CHT deployment/)
    const own = memoryIo()
    expect(await main(['demo', '--help'], own.io)).toBe(ExitCode.Ok)
    for (const option of [
      '--size SIZE',
      '--docs N',
      '--seed S',
      '--keep DIR',
      '--discrepancies MODE',
      '--couch2pg-release R',
      '--sync-users',
      '--json',
    ]) {
      expect(own.stdout()).toContain(option)
    }
  })

  it('refuses bad input with exit 2 before starting anything, naming the flag', async () => {
    const file = join(base, 'file')
    await writeFile(file, 'x')
    for (const [args, message] of [
      [['demo', '--docs', '50'], /--docs/],
      [['demo', '--keep', file], /--keep .* is a file/],
      [
        ['demo', '--size', 'tiny'],
        /Invalid --size “tiny”: expected one of "small"\|"medium"\|"large"/,
      ],
      [['demo', '--seed', '99999999999'], /--seed/],
      [['demo', '--unknown'], /Unknown option '--unknown'/],
      [['demo', '--discrepancies', 'some'], /Invalid --discrepancies “some”/],
      [['demo', '--couch2pg-release', '2.0'], /Invalid --couch2pg-release “2.0”/],
      [['demo', '--couch2pg-release', '3.5', '--sync-users'], /from release 3.6 on/],
    ] as const) {
      const io = memoryIo()
      expect(await main([...args], io.io), args.join(' ')).toBe(ExitCode.BadInput)
      expect(io.stdout()).toBe('')
      expect(io.stderr(), args.join(' ')).toMatch(message)
      expect(io.stderr()).toMatch(/See cht-migrate demo --help\./)
    }
  })

  it('prints errors as JSON on stdout too with --json', async () => {
    const io = memoryIo()
    expect(await main(['demo', '--docs', '50', '--json'], io.io)).toBe(ExitCode.BadInput)
    const reply = JSON.parse(io.stdout()) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(reply.error.message).toMatch(/--docs/)
    const usage = memoryIo()
    expect(await main(['demo', '--nope', '--json'], usage.io)).toBe(ExitCode.BadInput)
    expect(JSON.parse(usage.stdout())).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('refuses --demo together with --project for serve', async () => {
    const io = memoryIo()
    expect(await main(['serve', '--demo', '--project', 'x.chtmig.json'], io.io)).toBe(
      ExitCode.BadInput,
    )
    expect(io.stderr()).toMatch(/either --project or --demo/)
  })
})

describe('cht-migrate parity', () => {
  it('needs --project and a known --only (exit 2)', async () => {
    for (const [args, message] of [
      [['parity'], /Give the project file with --project FILE/],
      [
        ['parity', '--project', 'x.chtmig.json', '--only', 'documents'],
        /Invalid --only “documents”/,
      ],
      [['parity', '--project', 'x.chtmig.json', '--samples', '500'], /Invalid --samples “500”/],
    ] as const) {
      const io = memoryIo()
      expect(await main([...args], io.io), args.join(' ')).toBe(ExitCode.BadInput)
      expect(io.stderr()).toMatch(message)
    }
  })

  it('says clearly when the project file is not there (exit 1)', async () => {
    const io = memoryIo()
    expect(await main(['parity', '--project', join(base, 'missing.chtmig.json')], io.io)).toBe(
      ExitCode.Error,
    )
    expect(io.stderr()).toMatch(/missing\.chtmig\.json/)
  })
})
