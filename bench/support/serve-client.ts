import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HandlerContext } from '../../src/main/api/context'
import { createHandlerContext } from '../../src/main/api/create-context'
import { startServer, type RunningServer } from '../../src/main/serve/server'

/**
 * Browser mode in this process, for the benchmarks: the engine, the real HTTP server of
 * `cht-migrate serve` on 127.0.0.1, and a client that calls operations over HTTP as the page
 * does (`POST /api/op/<op>` with the token).
 */
export interface ServedEngine {
  ctx: HandlerContext
  server: RunningServer
  dir: string
  /** Calls an operation over HTTP; resolves with the parsed JSON reply and its size. */
  call(op: string, input: unknown): Promise<{ body: unknown; bytes: number }>
  close(): Promise<void>
}

export async function serveEngine(): Promise<ServedEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-bench-'))
  const ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(dir, 'config'),
    projectDir: dir,
    dialogs: null,
    acceptTypedPath: () => true,
  })
  const server = await startServer({ port: 0, rendererDir: join(__dirname, '../renderer'), ctx })
  const base = `http://127.0.0.1:${server.port}`
  return {
    ctx,
    server,
    dir,
    async call(op, input) {
      const response = await fetch(`${base}/api/op/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify(input),
      })
      const text = await response.text()
      return { body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text) }
    },
    async close() {
      await server.close()
      await ctx.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Percentiles of a list of numbers (nearest rank). */
export function percentiles(values: number[]): {
  p50: number
  p95: number
  p99: number
  max: number
} {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
  return { p50: rank(50), p95: rank(95), p99: rank(99), max: sorted.at(-1) ?? 0 }
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
