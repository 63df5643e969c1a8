import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/main/engine/engine'
import { EventStreams } from '../../../src/main/serve/event-stream'
import type { AppEvent, EngineEvent } from '../../../src/shared/events'
import { openEventStream, waitFor } from '../../support/sse-client'
import { runningJob } from '../../support/job-snapshot'

/** An engine with just its event stream and the open project (none), counting listeners. */
function fakeEngine() {
  const listeners = new Set<(event: EngineEvent) => void>()
  const engine = {
    project: { state: null },
    events: {
      subscribe: (l: (event: EngineEvent) => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    },
  } as unknown as Engine
  return { engine, listeners }
}

let server: Server | null = null

async function serveStreams(streams: EventStreams): Promise<number> {
  server = createServer((req, res) => streams.handle(req, res))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = null
})

const progress: EngineEvent = { type: 'job.progress', job: runningJob() }

describe('EventStreams', () => {
  it('sends the current project first, then job progress as it happens', async () => {
    const { engine, listeners } = fakeEngine()
    const port = await serveStreams(new EventStreams(engine))
    const events: AppEvent[] = []
    const res = await openEventStream(port, '', (e) => events.push(e))
    await waitFor(() => events.length === 1)
    expect(events[0]).toEqual({ type: 'project.changed', project: null })
    for (const l of listeners) l(progress)
    await waitFor(() => events.length === 2)
    expect(events[1]).toEqual(progress)
    res.destroy()
  })

  it('sends a heartbeat comment on an idle stream', async () => {
    const { engine } = fakeEngine()
    const port = await serveStreams(new EventStreams(engine, 30))
    const res = await openEventStream(port, '', () => undefined)
    let raw = ''
    res.on('data', (chunk: string) => (raw += chunk))
    await waitFor(() => raw.includes(': heartbeat\n\n'))
    res.destroy()
  })

  it('removes its listeners when the client goes away', async () => {
    const { engine, listeners } = fakeEngine()
    const streams = new EventStreams(engine)
    const port = await serveStreams(streams)
    const res = await openEventStream(port, '', () => undefined)
    await waitFor(() => streams.size === 1)
    expect(listeners.size).toBe(1)
    res.destroy()
    await waitFor(() => streams.size === 0)
    expect(listeners.size).toBe(0)
  })

  it('ends every stream on closeAll', async () => {
    const { engine, listeners } = fakeEngine()
    const streams = new EventStreams(engine)
    const port = await serveStreams(streams)
    const res = await openEventStream(port, '', () => undefined)
    await waitFor(() => streams.size === 1)
    const ended = new Promise((resolve) => res.on('end', resolve))
    streams.closeAll()
    await ended
    await waitFor(() => streams.size === 0)
    expect(listeners.size).toBe(0)
  })
})
