import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, spawnCli, type SpawnedCli } from '../../support/built-cli'
import { sendRequest } from '../../support/http-request'

let base: string

type Spawned = SpawnedCli

/** Runs the built `cht-migrate` with a config folder of its own. */
function cli(...args: string[]): Spawned {
  return spawnCli(args, {
    CHT_MIGRATE_CONFIG_DIR: join(base, 'config'),
    CHT_MIGRATE_PROJECT_DIR: join(base, 'projects'),
    CHT_MIGRATE_RENDERER_DIR: '',
  })
}

async function firstLine(spawned: Spawned, timeoutMs = 15_000): Promise<string> {
  const started = Date.now()
  while (!spawned.stdout().includes('\n')) {
    if (spawned.child.exitCode !== null || Date.now() - started > timeoutMs) {
      throw new Error(`cht-migrate serve printed no address; stderr: ${spawned.stderr()}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return spawned.stdout().split('\n')[0] ?? ''
}

function listen(port: number): Promise<Server> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => done(server))
  })
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
    throw new Error('out/main/cli.js is missing: run npm run build first')
  }
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run npm run build first')
  }
  base = await mkdtemp(join(tmpdir(), 'cht-cli-serve-'))
})

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true })
})

describe('cht-migrate serve (built)', () => {
  it('serves the built UI behind the token and the Host check, and stops on SIGINT', async () => {
    const serve = cli('serve', '--port', '0', '--no-open', '--json')
    try {
      const info = JSON.parse(await firstLine(serve)) as Record<string, unknown>
      expect(Object.keys(info).sort()).toEqual(['pid', 'port', 'token', 'url'])
      const { port, token } = info as { port: number; token: string }
      expect(info.url).toBe(`http://127.0.0.1:${port}/?token=${token}`)
      expect(info.pid).toBe(serve.child.pid)

      expect((await sendRequest(port)).status).toBe(401)
      const foreign = await sendRequest(port, {
        headers: { host: `evil.example:${port}`, authorization: `Bearer ${token}` },
      })
      expect(foreign.status).toBe(403)
      const entry = await sendRequest(port, { path: `/?token=${token}` })
      expect(entry.status).toBe(303)
      const page = await sendRequest(port, {
        headers: { cookie: `cht_migrate_token_${port}=${token}` },
      })
      expect(page.status).toBe(200)
      expect(page.body).toMatch(/<html/i)

      serve.child.kill('SIGINT')
      expect(await serve.exit).toBe(0)
      expect(serve.stdout().trim().split('\n')).toHaveLength(1)
      const again = await listen(port)
      await new Promise((done) => again.close(done))
    } finally {
      serve.child.kill('SIGKILL')
    }
  })

  it('exits 1 with a clear message when the port is in use', async () => {
    const blocker = await listen(0)
    const port = (blocker.address() as { port: number }).port
    try {
      const serve = cli('serve', '--port', String(port), '--no-open')
      expect(await serve.exit).toBe(1)
      expect(serve.stderr()).toContain(`Port ${port} is in use; pass --port <another> or --port 0`)
    } finally {
      await new Promise((done) => blocker.close(done))
    }
  })

  it('answers --help and exits 2 on an unknown command', async () => {
    const help = cli('--help')
    expect(await help.exit).toBe(0)
    expect(help.stdout()).toMatch(/serve/)
    const unknown = cli('migrate-everything')
    expect(await unknown.exit).toBe(2)
    expect(unknown.stderr()).toMatch(/Unknown command “migrate-everything”/)
  })
})
