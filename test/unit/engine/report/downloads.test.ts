import { existsSync, readdirSync } from 'node:fs'
import { text } from 'node:stream/consumers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDownloadStore } from '../../../../src/main/engine/report/downloads'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('downloads')))
afterEach(() => cleanup())

const bytes = (s: string) => Buffer.from(s, 'utf8')

describe('downloads waiting for the browser', () => {
  it('hands a file out once, under a random id, and deletes it once sent', async () => {
    const store = createDownloadStore({ parentDir: dir })
    const ticket = await store.add(bytes('plan'), 'kenya-plan.pdf', 'application/pdf')
    expect(ticket).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      fileName: 'kenya-plan.pdf',
    })
    const [folder] = readdirSync(dir)
    expect(readdirSync(`${dir}/${folder}`)).toHaveLength(1)

    const download = await store.take(ticket.id)
    expect(download).toMatchObject({
      fileName: 'kenya-plan.pdf',
      mediaType: 'application/pdf',
      bytes: 4,
    })
    expect(await store.take(ticket.id)).toBeNull()
    expect(await text(download!.stream)).toBe('plan')
    await new Promise((r) => setTimeout(r, 50))
    expect(readdirSync(`${dir}/${folder}`)).toEqual([])
    await store.clear()
    expect(readdirSync(dir)).toEqual([])
  })

  it('forgets and deletes a file nobody fetched in time', async () => {
    const store = createDownloadStore({ parentDir: dir, ttlMs: 20 })
    const ticket = await store.add(bytes('x'), 'a.json', 'application/json')
    await new Promise((r) => setTimeout(r, 80))
    expect(await store.take(ticket.id)).toBeNull()
    const [folder] = readdirSync(dir)
    expect(readdirSync(`${dir}/${folder}`)).toEqual([])
    await store.clear()
  })

  it('deletes every waiting file and its folder when cleared', async () => {
    const store = createDownloadStore({ parentDir: dir })
    const ticket = await store.add(bytes('x'), 'a.md', 'text/markdown')
    await store.add(bytes('y'), 'b.md', 'text/markdown')
    await store.clear()
    expect(readdirSync(dir)).toEqual([])
    expect(await store.take(ticket.id)).toBeNull()
    expect(existsSync(dir)).toBe(true)
    await store.clear()
  })
})
