import { nodeAtomicFs, type AtomicFs } from '../../src/main/engine/project/atomic-write'

export const errnoError = (code: string) =>
  Object.assign(new Error(`${code}: simulated failure`), { code })

/**
 * The real file system with switches: make the content write fail with an errno (after leaving
 * a partial temp file, as a real full disk does), make the final rename fail, slow the write
 * down, and count writes and how many ran at once.
 */
export function controllableFs() {
  const control = {
    writeFails: null as string | null,
    renameFails: null as string | null,
    delayMs: 0,
    writes: 0,
    active: 0,
    maxActive: 0,
  }
  const fs: AtomicFs = {
    ...nodeAtomicFs,
    async writeNew(path, data, mode) {
      control.writes++
      control.active++
      control.maxActive = Math.max(control.maxActive, control.active)
      try {
        if (control.delayMs > 0) await new Promise((r) => setTimeout(r, control.delayMs))
        if (control.writeFails) {
          await nodeAtomicFs.writeNew(path, String(data).slice(0, 10))
          throw errnoError(control.writeFails)
        }
        await nodeAtomicFs.writeNew(path, data, mode)
      } finally {
        control.active--
      }
    },
    async rename(from, to) {
      if (control.renameFails && !to.endsWith('.bak')) throw errnoError(control.renameFails)
      return nodeAtomicFs.rename(from, to)
    },
  }
  return { fs, control }
}
