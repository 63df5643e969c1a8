import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'

/**
 * The server uuid to write into the config file at `configPath`: the one an earlier run in the
 * same folder wrote, or a new one.
 *
 * CouchDB keeps its uuid for life, and the layer's sequences are keyed by it, so the sequences a
 * pipeline stored stay valid when a demo server on leveldb starts again on the same folder.
 */
export function serverUuid(configPath: string): string {
  try {
    const previous = JSON.parse(readFileSync(configPath, 'utf8')) as {
      couchdb?: { uuid?: unknown }
    }
    const uuid = previous.couchdb?.uuid
    if (typeof uuid === 'string' && /^[0-9a-f]{32}$/.test(uuid)) return uuid
  } catch {
    // No earlier run (or an unreadable file): a new server.
  }
  return randomUUID().replace(/-/g, '')
}
