import { promises as fsp } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'

/** The file beside the preferences that remembers the main window's size and place. */
export const WINDOW_STATE_FILE = 'window-state.json'

/** The smallest window the layout is made for (also the window's `minWidth`/`minHeight`). */
export const MIN_WINDOW_SIZE = { width: 960, height: 640 } as const
/** The size of the first window, before anything is remembered. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const coordinate = z.number().int().min(-100_000).max(100_000)
const length = z.number().int().min(1).max(100_000)

const windowStateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
  fullScreen: z.boolean(),
})

/** What is remembered of the main window: its normal (unmaximized) bounds and how it was shown. */
export type WindowState = z.infer<typeof windowStateSchema>

/** Where and how the window opens: bounds for the constructor, then maximized or full screen. */
export interface WindowPlacement {
  bounds: Partial<Rect> & { width: number; height: number }
  maximized: boolean
  fullScreen: boolean
}

// The window must show at least this much of itself on one display to be reachable by its title
// bar; otherwise it is placed anew (a display was unplugged or the resolution changed).
const VISIBLE_WIDTH = 120
const VISIBLE_HEIGHT = 40

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Decides where the main window opens from what was remembered and the displays' work areas now.
 *
 * Remembered bounds are used when the window's top strip (its title bar) is visible on a display;
 * its size is kept within the largest work area and never below the minimum. Without usable
 * bounds the window takes the default size (or less on a small screen), centred by Electron.
 * Maximized and full screen are restored either way.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): WindowPlacement {
  const largest = workAreas.reduce(
    (max, area) => ({
      width: Math.max(max.width, area.width),
      height: Math.max(max.height, area.height),
    }),
    { width: 0, height: 0 },
  )
  const fit = (size: { width: number; height: number }) => ({
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(size.width, largest.width || size.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(size.height, largest.height || size.height)),
  })
  const shown = { maximized: saved?.maximized ?? false, fullScreen: saved?.fullScreen ?? false }
  if (saved) {
    const size = fit(saved.bounds)
    const titleBar = {
      x: saved.bounds.x,
      y: saved.bounds.y,
      width: size.width,
      height: VISIBLE_HEIGHT,
    }
    const reachable = workAreas.some((area) => {
      const seen = overlap(titleBar, area)
      return seen.width >= VISIBLE_WIDTH && seen.height >= VISIBLE_HEIGHT / 2
    })
    if (reachable) return { bounds: { x: saved.bounds.x, y: saved.bounds.y, ...size }, ...shown }
    return { bounds: size, ...shown }
  }
  return { bounds: fit(DEFAULT_WINDOW_SIZE), ...shown }
}

/** Reads the remembered window state; a missing, damaged or crafted file counts as nothing. */
export async function readWindowState(dir: string): Promise<WindowState | null> {
  try {
    const text = await fsp.readFile(join(dir, WINDOW_STATE_FILE), 'utf8')
    if (text.length > 10_000) return null
    const parsed = windowStateSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes the window state (small and rewritten often: a plain write, errors left to the caller). */
export async function writeWindowState(dir: string, state: WindowState): Promise<void> {
  const path = join(dir, WINDOW_STATE_FILE)
  await fsp.mkdir(dirname(path), { recursive: true })
  await fsp.writeFile(path, JSON.stringify(state, null, 2) + '\n')
}

/** The part of a `BrowserWindow` the tracker reads, so tests can drive it without Electron. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown
  isDestroyed(): boolean
  isMaximized(): boolean
  isFullScreen(): boolean
  getNormalBounds(): Rect
}

/**
 * Remembers the window's state: after it stops moving or resizing (debounced) and when it closes.
 * The normal bounds are what is kept, so a maximized window comes back maximized over the place it
 * had before, and un-maximizes to it.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  debounceMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const capture = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (win.isDestroyed()) return
    const { x, y, width, height } = win.getNormalBounds()
    const state = { version: 1 as const, bounds: { x, y, width, height } }
    const parsed = windowStateSchema.safeParse({
      ...state,
      maximized: win.isMaximized(),
      fullScreen: win.isFullScreen(),
    })
    if (parsed.success) save(parsed.data)
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(capture, debounceMs)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', capture)
}
