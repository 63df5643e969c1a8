import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import pkg from '../../../package.json'
import { COMMANDS } from '../../../src/main/cli/commands'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import { memoryIo } from '../../support/memory-io'

async function run(...argv: string[]) {
  const io = memoryIo()
  const code = await main(argv, io.io)
  return { code, stdout: io.stdout(), stderr: io.stderr() }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('cht-migrate global options', () => {
  it.each(['--help', '-h'])(
    '%s lists every command of the table and the exit codes',
    async (flag) => {
      const { code, stdout } = await run(flag)
      expect(code).toBe(ExitCode.Ok)
      expect(stdout).toMatch(/Usage: cht-migrate <command>/)
      const lines = stdout.split('\n')
      for (const command of COMMANDS) {
        const line = lines.find((l) => new RegExp(`^  ${command.name} +\\S`).test(l))
        expect(line).toContain(command.summary)
      }
      expect(stdout).toMatch(/^ {2}serve +Run the wizard in your browser/m)
      expect(stdout).toContain('0 ok, 1 error, 2 bad input, 3 a check failed, 4 warnings only')
    },
  )

  it.each(['--version', '-v'])('%s prints the package version', async (flag) => {
    const { code, stdout } = await run(flag)
    expect(code).toBe(ExitCode.Ok)
    expect(stdout).toBe(pkg.version)
  })

  it('--version --json prints it as JSON', async () => {
    const { stdout } = await run('--version', '--json')
    expect(JSON.parse(stdout)).toEqual({ name: 'cht-migrate', version: pkg.version })
  })

  it('exits 2 without a command', async () => {
    const { code, stderr } = await run()
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toMatch(/No command given\. See cht-migrate --help/)
  })

  it('exits 2 on an unknown command, naming it', async () => {
    const { code, stdout, stderr } = await run('frobnicate')
    expect(code).toBe(ExitCode.BadInput)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/Unknown command “frobnicate”\. See cht-migrate --help/)
  })

  it('exits 2 on an unknown global flag', async () => {
    const { code, stderr } = await run('--bogus')
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toMatch(/--bogus/)
  })
})

describe('cht-migrate serve: command line', () => {
  it('--help shows its usage and options, --demo included', async () => {
    const { code, stdout } = await run('serve', '--help')
    expect(code).toBe(ExitCode.Ok)
    expect(stdout).toMatch(/Usage: cht-migrate serve \[--port N\]/)
    const options = ['--port N', '--no-open', '--project FILE', '--demo', '--json', '-h, --help']
    for (const option of options) expect(stdout).toContain(option)
  })

  it.each([['abc'], ['70000'], ['-1'], ['1e3'], ['']])('exits 2 on --port %j', async (value) => {
    const { code, stderr } = await run('serve', `--port=${value}`, '--no-open')
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toContain(`Invalid --port “${value}”`)
    expect(stderr).toMatch(/See cht-migrate serve --help\.$/)
  })

  it('exits 2 when --port has no value', async () => {
    const { code, stderr } = await run('serve', '--port')
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toMatch(/--port.*argument missing.*See cht-migrate serve --help/)
  })

  it('exits 2 on an unknown flag, naming it', async () => {
    const { code, stderr } = await run('serve', '--demos')
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toMatch(/Unknown option '--demos'\. See cht-migrate serve --help\./)
  })

  it('exits 2 on a stray argument', async () => {
    const { code, stderr } = await run('serve', 'now')
    expect(code).toBe(ExitCode.BadInput)
    expect(stderr).toMatch(/'now'/)
  })

  it('exits 1 when the renderer is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cht-no-renderer-'))
    vi.stubEnv('CHT_MIGRATE_RENDERER_DIR', empty)
    try {
      const { code, stderr } = await run('serve', '--port', '0', '--no-open')
      expect(code).toBe(ExitCode.Error)
      expect(stderr).toMatch(/The wizard is not built; run npm run build/)
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})

describe('the command table', () => {
  it('has unique names, and each usage starts with its name', () => {
    const names = COMMANDS.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const command of COMMANDS) expect(command.usage.startsWith(`${command.name} `)).toBe(true)
  })
})
