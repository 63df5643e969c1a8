import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppEvent } from '../../../src/shared/events'
import { createEventFeed, type EventSourceLike } from '../../../src/renderer/src/api/event-feed'
import { runningJob } from '../../support/job-snapshot'

class FakeEventSource implements EventSourceLike {
  onopen: (() => void) | null = null
  onmessage: ((message: { data: unknown }) => void) | null = null
  onerror: (() => void) | null = null
  readyState = 0
  closed = false

  constructor(readonly url: string) {}

  close() {
    this.closed = true
    this.readyState = 2
  }
  emit(data: unknown) {
    this.onmessage?.({ data })
  }
  /** The server refused or went away for good: the browser stops retrying. */
  fail() {
    this.readyState = 2
    this.onerror?.()
  }
}

const progress: AppEvent = { type: 'job.progress', job: runningJob() }

let sources: FakeEventSource[]
const open = (url: string) => {
  const source = new FakeEventSource(url)
  sources.push(source)
  return source
}

beforeEach(() => {
  sources = []
  vi.useFakeTimers()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('event feed', () => {
  it('opens one stream for all listeners and closes it with the last', () => {
    const subscribe = createEventFeed('/api/events', open)
    const offA = subscribe(() => undefined)
    const offB = subscribe(() => undefined)
    expect(sources).toHaveLength(1)
    expect(sources[0]?.url).toBe('/api/events')
    offA()
    expect(sources[0]?.closed).toBe(false)
    offB()
    expect(sources[0]?.closed).toBe(true)
  })

  it('delivers valid events and drops invalid ones', () => {
    const received: AppEvent[] = []
    createEventFeed('/api/events', open)((e) => received.push(e))
    sources[0]?.emit(JSON.stringify(progress))
    sources[0]?.emit('not json')
    sources[0]?.emit(JSON.stringify({ type: 'project.deleted' }))
    expect(received).toEqual([progress])
  })

  it('reconnects with a growing delay after the browser gives up', () => {
    createEventFeed('/api/events', open)(() => undefined)
    sources[0]?.fail()
    expect(sources).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(2)
    sources[1]?.fail()
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(2)
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(3)
    sources[2]?.onopen?.()
    sources[2]?.fail()
    vi.advanceTimersByTime(1_000)
    expect(sources).toHaveLength(4)
  })

  it('leaves a dropped connection to the browser while it is still retrying', () => {
    createEventFeed('/api/events', open)(() => undefined)
    sources[0]!.readyState = 0
    sources[0]?.onerror?.()
    vi.advanceTimersByTime(60_000)
    expect(sources).toHaveLength(1)
  })

  it('stops reconnecting once nobody listens', () => {
    const off = createEventFeed('/api/events', open)(() => undefined)
    sources[0]?.fail()
    off()
    vi.advanceTimersByTime(60_000)
    expect(sources).toHaveLength(1)
  })
})
