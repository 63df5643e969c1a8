import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import { DEFAULT_PORT, parsePort } from '../../../src/main/cli/serve-command'
import { sendRequest } from '../../support/http-request'
import { memoryIo } from '../../support/memory-io'

vi.mock('../../../src/main/cli/open-browser', () => ({ openBrowser: vi.fn() }))
const { openBrowser } = await import('../../../src/main/cli/open-browser')

let base: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-serve-cmd-'))
  await mkdir(join(base, 'renderer'))
  await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html><title>wizard</title>')
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

afterEach(() => {
  vi.unstubAllEnvs()
  vi.mocked(openBrowser).mockClear()
})

function useTempDirs() {
  vi.stubEnv('CHT_MIGRATE_RENDERER_DIR', join(base, 'renderer'))
  vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(base, 'config'))
  vi.stubEnv('CHT_MIGRATE_PROJECT_DIR', join(base, 'projects'))
}

describe('parsePort', () => {
  it('defaults to 4780 and accepts 0 to 65535', () => {
    expect(parsePort(undefined)).toBe(DEFAULT_PORT)
    expect(DEFAULT_PORT).toBe(4780)
    expect(parsePort('0')).toBe(0)
    expect(parsePort('65535')).toBe(65535)
  })

  it.each(['65536', 'abc', '12.5', '-1', ' 80', '0x50'])('refuses %j', (value) => {
    expect(() => parsePort(value)).toThrow(/Invalid --port/)
  })
})

describe('cht-migrate serve', () => {
  it('prints one JSON line, serves until stopped, then exits 0', async () => {
    useTempDirs()
    const io = memoryIo()
    const done = main(['serve', '--port', '0', '--json'], io.io)
    await vi.waitFor(() => expect(io.stdout()).not.toBe(''))
    const info = JSON.parse(io.stdout()) as {
      url: string
      port: number
      token: string
      pid: number
    }
    expect(info.url).toBe(`http://127.0.0.1:${info.port}/?token=${info.token}`)
    expect(info.pid).toBe(process.pid)
    expect(openBrowser).toHaveBeenCalledWith(info.url)
    const page = await sendRequest(info.port, {
      headers: { authorization: `Bearer ${info.token}` },
    })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>wizard</title>')

    io.stop('SIGTERM')
    expect(await done).toBe(ExitCode.Ok)
    expect(io.stderr()).toMatch(/Stopping \(SIGTERM\)/)
    await expect(sendRequest(info.port)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('prints the address for a person and does not open a browser with --no-open', async () => {
    useTempDirs()
    const io = memoryIo()
    const done = main(['serve', '--port', '0', '--no-open'], io.io)
    await vi.waitFor(() => expect(io.stdout()).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/\?token=/))
    expect(openBrowser).not.toHaveBeenCalled()
    io.stop()
    expect(await done).toBe(ExitCode.Ok)
  })

  it('exits 1 with the message when the port is in use', async () => {
    useTempDirs()
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const io = memoryIo()
      expect(await main(['serve', '--port', String(port), '--no-open'], io.io)).toBe(ExitCode.Error)
      expect(io.stderr()).toContain(`Port ${port} is in use; pass --port <another> or --port 0`)
      expect(io.stdout()).toBe('')
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('exits 1 without serving when --project cannot be opened', async () => {
    useTempDirs()
    const io = memoryIo()
    const missing = join(base, 'nope.chtmig.json')
    const code = await main(['serve', '--port', '0', '--no-open', '--project', missing], io.io)
    expect(code).toBe(ExitCode.Error)
    expect(io.stderr()).toContain(`Could not open ${missing}:`)
    expect(io.stdout()).toBe('')
  })
})
