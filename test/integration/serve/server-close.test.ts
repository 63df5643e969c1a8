import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { startServer } from '../../../src/main/serve/server'
import { postOp, sendRequest } from '../../support/http-request'
import { openEventStream } from '../../support/sse-client'

let base: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-serve-close-'))
  await mkdir(join(base, 'renderer'))
  await writeFile(join(base, 'renderer', 'index.html'), '<!doctype html>')
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('browser mode server: close()', () => {
  it('ends the event streams, writes the pending autosave and releases the port', async () => {
    const ctx = await createHandlerContext({
      face: 'browser',
      configDir: join(base, 'config'),
      projectDir: base,
      dialogs: null,
      acceptTypedPath: () => true,
      autosaveMs: 60_000,
    })
    const server = await startServer({ rendererDir: join(base, 'renderer'), ctx })
    const auth = { authorization: `Bearer ${server.token}` }
    const file = join(base, 'closing.chtmig.json')

    const created = await postOp(server.port, 'project.new', { name: 'Closing', path: file }, auth)
    expect(JSON.parse(created.body)).toMatchObject({ ok: true })
    const renamed = await postOp(
      server.port,
      'project.update',
      { intents: [{ type: 'project.rename', name: 'Renamed before close' }] },
      auth,
    )
    expect(JSON.parse(renamed.body)).toMatchObject({ ok: true, value: { meta: { dirty: true } } })
    expect(await readFile(file, 'utf8')).not.toContain('Renamed before close')

    const stream = await openEventStream(
      server.port,
      `cht_migrate_token_${server.port}=${server.token}`,
      () => {},
    )
    const streamEnded = new Promise((resolve) => stream.on('end', resolve))

    await server.close()
    await streamEnded
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ name: 'Renamed before close' })
    await expect(sendRequest(server.port, { headers: auth })).rejects.toThrow(/ECONNREFUSED/)
    await server.close()
  })

  it('refuses a token that is too short to be safe', async () => {
    const ctx = await createHandlerContext({
      face: 'browser',
      configDir: join(base, 'config'),
      dialogs: null,
      acceptTypedPath: () => true,
    })
    await expect(
      startServer({ rendererDir: join(base, 'renderer'), ctx, token: 'short' }),
    ).rejects.toThrow(/at least 32/)
  })
})
