import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../../src/main/api/context'
import { EventStreams } from '../../../src/main/serve/event-stream'
import type { AppEvent, JobProgress } from '../../../src/shared/events'
import { openEventStream, waitFor } from '../../support/sse-client'

/** A context with just the two event sources, counting their listeners. */
function fakeContext() {
  const projectListeners = new Set<(state: null) => void>()
  const jobListeners = new Set<(p: JobProgress) => void>()
  const ctx = {
    project: {
      state: null,
      onChange: (l: (state: null) => void) => {
        projectListeners.add(l)
        return () => projectListeners.delete(l)
      },
    },
    jobs: {
      onProgress: (l: (p: JobProgress) => void) => {
        jobListeners.add(l)
        return () => jobListeners.delete(l)
      },
    },
  } as unknown as HandlerContext
  return { ctx, projectListeners, jobListeners }
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

const progress: JobProgress = {
  jobId: 'j1',
  operation: 'parity.run',
  done: 2,
  total: 10,
  message: 'Comparing tables',
  state: 'running',
}

describe('EventStreams', () => {
  it('sends the current project first, then job progress as it happens', async () => {
    const { ctx, jobListeners } = fakeContext()
    const port = await serveStreams(new EventStreams(ctx))
    const events: AppEvent[] = []
    const res = await openEventStream(port, '', (e) => events.push(e))
    await waitFor(() => events.length === 1)
    expect(events[0]).toEqual({ type: 'project.changed', project: null })
    for (const l of jobListeners) l(progress)
    await waitFor(() => events.length === 2)
    expect(events[1]).toEqual({ type: 'job.progress', progress })
    res.destroy()
  })

  it('sends a heartbeat comment on an idle stream', async () => {
    const { ctx } = fakeContext()
    const port = await serveStreams(new EventStreams(ctx, 30))
    const res = await openEventStream(port, '', () => undefined)
    let raw = ''
    res.on('data', (chunk: string) => (raw += chunk))
    await waitFor(() => raw.includes(': heartbeat\n\n'))
    res.destroy()
  })

  it('removes its listeners when the client goes away', async () => {
    const { ctx, projectListeners, jobListeners } = fakeContext()
    const streams = new EventStreams(ctx)
    const port = await serveStreams(streams)
    const res = await openEventStream(port, '', () => undefined)
    await waitFor(() => streams.size === 1)
    expect(projectListeners.size).toBe(1)
    expect(jobListeners.size).toBe(1)
    res.destroy()
    await waitFor(() => streams.size === 0)
    expect(projectListeners.size).toBe(0)
    expect(jobListeners.size).toBe(0)
  })

  it('ends every stream on closeAll', async () => {
    const { ctx, projectListeners } = fakeContext()
    const streams = new EventStreams(ctx)
    const port = await serveStreams(streams)
    const res = await openEventStream(port, '', () => undefined)
    await waitFor(() => streams.size === 1)
    const ended = new Promise((resolve) => res.on('end', resolve))
    streams.closeAll()
    await ended
    await waitFor(() => streams.size === 0)
    expect(projectListeners.size).toBe(0)
  })
})
