import { randomBytes } from 'node:crypto'
import { createReadStream, promises as fsp, type ReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How long an export waits to be fetched before it is deleted. */
export const DOWNLOAD_TTL_MS = 10 * 60_000

/** A file ready to be sent once: its stream, name, type and size; `done` deletes it. */
export interface Download {
  fileName: string
  mediaType: string
  bytes: number
  stream: ReadStream
}

/**
 * Exports waiting for the browser to fetch them (browser mode's `GET /api/download/<id>`): each
 * in a private temporary folder of this process, under a random one-time id. A file is deleted
 * once it has been sent, `DOWNLOAD_TTL_MS` after it was added if nobody fetched it, and all of
 * them when the server or the engine stops.
 */
export interface DownloadStore {
  /** Keeps `data` for one fetch; answers its id and file name. */
  add(
    data: Uint8Array,
    fileName: string,
    mediaType: string,
  ): Promise<{ id: string; fileName: string }>
  /**
   * Takes a file for sending: its id is spent at once (a second fetch finds nothing), the file
   * is deleted when the stream closes. Null for an unknown, spent or expired id.
   */
  take(id: string): Promise<Download | null>
  /** Deletes every waiting file and the folder. */
  clear(): Promise<void>
}

interface Entry {
  path: string
  fileName: string
  mediaType: string
  bytes: number
  timer: NodeJS.Timeout
}

export interface DownloadStoreOptions {
  ttlMs?: number
  /** Where the private folder is made (default: the system's temporary folder). */
  parentDir?: string
}

/** Creates the store; its folder is made on the first `add`. */
export function createDownloadStore(options: DownloadStoreOptions = {}): DownloadStore {
  const ttlMs = options.ttlMs ?? DOWNLOAD_TTL_MS
  const entries = new Map<string, Entry>()
  let dir: Promise<string> | null = null

  const folder = () =>
    (dir ??= fsp.mkdtemp(join(options.parentDir ?? tmpdir(), 'cht-migrate-downloads-')))
  const drop = async (id: string) => {
    const entry = entries.get(id)
    if (!entry) return
    entries.delete(id)
    clearTimeout(entry.timer)
    await fsp.rm(entry.path, { force: true })
  }

  return {
    async add(data, fileName, mediaType) {
      const id = randomBytes(24).toString('base64url')
      // mkdtemp makes the folder readable by its owner only; the file is the owner's too.
      const path = join(await folder(), id)
      await fsp.writeFile(path, data, { mode: 0o600, flag: 'wx' })
      const timer = setTimeout(() => void drop(id), ttlMs)
      timer.unref()
      entries.set(id, { path, fileName, mediaType, bytes: data.byteLength, timer })
      return { id, fileName }
    },
    async take(id) {
      const entry = entries.get(id)
      if (!entry) return null
      entries.delete(id)
      clearTimeout(entry.timer)
      const stream = createReadStream(entry.path)
      stream.once('close', () => void fsp.rm(entry.path, { force: true }))
      return { fileName: entry.fileName, mediaType: entry.mediaType, bytes: entry.bytes, stream }
    },
    async clear() {
      await Promise.all([...entries.keys()].map(drop))
      if (dir === null) return
      const made = await dir.catch(() => null)
      dir = null
      if (made) await fsp.rm(made, { recursive: true, force: true })
    },
  }
}
