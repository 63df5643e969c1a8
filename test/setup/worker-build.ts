import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'rolldown'
import { WORKER_SCRIPT_ENV } from '../../src/main/engine/workers/worker-pool'

/**
 * Builds the engine's worker entry (`src/main/engine/workers/worker-main.ts`) into a temp file
 * once per run, with the SQL parser's WebAssembly beside it, and points the engine at it: tests
 * run the engine from source, but a worker thread needs plain JavaScript. The built app has its own `out/main/worker.js`.
 */
export async function buildWorkerForTests(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'cht-migrate-test-worker-'))
  const file = join(dir, 'worker.js')
  await build({
    input: resolve(__dirname, '../../src/main/engine/workers/worker-main.ts'),
    platform: 'node',
    logLevel: 'silent',
    // One file: lazily loaded parts (the PDF's drawing code) are inlined, still loaded on first use.
    output: { file, format: 'cjs', codeSplitting: false },
  })
  // The bundled parser looks for its WebAssembly beside the script, as in the built app.
  const wasm = resolve(__dirname, '../../node_modules/libpg-query/wasm/libpg-query.wasm')
  copyFileSync(wasm, join(dir, 'libpg-query.wasm'))
  process.env[WORKER_SCRIPT_ENV] = file
  return () => rmSync(dir, { recursive: true, force: true })
}

/** Vitest global setup of the unit tests: only the worker. */
export default async function setup() {
  return buildWorkerForTests()
}
