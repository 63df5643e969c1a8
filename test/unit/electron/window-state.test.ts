import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  placeWindow,
  readWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../../src/main/electron/window-state'

const laptop: Rect = { x: 0, y: 0, width: 1366, height: 740 }
const monitor: Rect = { x: 1366, y: 0, width: 1920, height: 1050 }

const saved = (bounds: Rect, extra: Partial<WindowState> = {}): WindowState => ({
  version: 1,
  bounds,
  maximized: false,
  fullScreen: false,
  ...extra,
})

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [monitor])).toEqual({
      bounds: DEFAULT_WINDOW_SIZE,
      maximized: false,
      fullScreen: false,
    })
  })

  it('keeps a default that does not fit a small screen within it, never below the minimum', () => {
    expect(placeWindow(null, [laptop]).bounds).toEqual({ width: 1280, height: 740 })
    expect(placeWindow(null, [{ x: 0, y: 0, width: 800, height: 600 }]).bounds).toEqual({
      width: 960,
      height: 640,
    })
  })

  it('reopens where the window was left on the second display', () => {
    const bounds = { x: 1500, y: 100, width: 1400, height: 900 }
    expect(placeWindow(saved(bounds), [laptop, monitor])).toEqual({
      bounds,
      maximized: false,
      fullScreen: false,
    })
  })

  it('places the window anew when its display is gone, keeping its size within the screen', () => {
    const placement = placeWindow(saved({ x: 1500, y: 100, width: 1400, height: 900 }), [laptop])
    expect(placement.bounds).toEqual({ width: 1366, height: 740 })
  })

  it('places the window anew when its title bar is above the screen', () => {
    const placement = placeWindow(saved({ x: 100, y: -500, width: 1000, height: 700 }), [laptop])
    expect(placement.bounds).not.toHaveProperty('x')
  })

  it('restores maximized and full screen', () => {
    const bounds = { x: 10, y: 10, width: 1000, height: 700 }
    expect(placeWindow(saved(bounds, { maximized: true }), [laptop]).maximized).toBe(true)
    expect(placeWindow(saved(bounds, { fullScreen: true }), [laptop]).fullScreen).toBe(true)
  })
})

describe('window state file', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads back what it wrote', async () => {
    dir = mkdtempSync(join(tmpdir(), 'window-state-'))
    const state = saved({ x: 5, y: 6, width: 1200, height: 800 }, { maximized: true })
    await writeWindowState(join(dir, 'nested'), state)
    expect(await readWindowState(join(dir, 'nested'))).toEqual(state)
  })

  it.each([
    ['missing', null],
    ['not JSON', '{'],
    ['wrong shape', JSON.stringify({ version: 1, bounds: { x: 'a' } })],
    ['absurd size', JSON.stringify(saved({ x: 0, y: 0, width: 1e9, height: 10 }))],
    ['huge', JSON.stringify({ pad: 'x'.repeat(20_000) })],
  ])('treats a %s file as nothing remembered', async (_name, text) => {
    dir = mkdtempSync(join(tmpdir(), 'window-state-'))
    if (text !== null) writeFileSync(join(dir, WINDOW_STATE_FILE), text)
    expect(await readWindowState(dir)).toBeNull()
  })
})

describe('trackWindowState', () => {
  function fakeWindow() {
    const listeners = new Map<string, () => void>()
    const win = {
      bounds: { x: 1, y: 2, width: 1100, height: 700 },
      maximized: false,
      destroyed: false,
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      isDestroyed: () => win.destroyed,
      isMaximized: () => win.maximized,
      isFullScreen: () => false,
      getNormalBounds: () => win.bounds,
      emit: (event: string) => listeners.get(event)?.(),
    }
    return win
  }

  it('saves once after moves and resizes settle, and at close', () => {
    vi.useFakeTimers()
    try {
      const win = fakeWindow()
      const save = vi.fn()
      trackWindowState(win as TrackedWindow, save, 500)
      win.emit('move')
      win.bounds = { x: 50, y: 60, width: 1200, height: 800 }
      win.emit('resize')
      expect(save).not.toHaveBeenCalled()
      vi.advanceTimersByTime(500)
      expect(save).toHaveBeenCalledTimes(1)
      expect(save).toHaveBeenLastCalledWith(saved({ x: 50, y: 60, width: 1200, height: 800 }))
      win.maximized = true
      win.emit('close')
      expect(save).toHaveBeenCalledTimes(2)
      expect(save.mock.lastCall?.[0]).toMatchObject({ maximized: true })
    } finally {
      vi.useRealTimers()
    }
  })

  it('saves nothing from a destroyed window', () => {
    const win = fakeWindow()
    const save = vi.fn()
    trackWindowState(win as TrackedWindow, save)
    win.destroyed = true
    win.emit('close')
    expect(save).not.toHaveBeenCalled()
  })
})
