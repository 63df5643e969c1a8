import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { atomicWriteFile } from '../../../src/main/engine/project/atomic-write'
import { readProjectFile, serializeProject } from '../../../src/main/engine/project/project-file'
import { largeDocument, makeTempDir } from '../../support/project-fixtures'

/**
 * The real kill test of the atomic write: a child process saves a multi-megabyte project in a
 * tight loop through the real code and is SIGKILLed at a random moment, over and over. After
 * every kill the project file (and its .bak) must load. The worker is bundled with Vite (a
 * declared dev dependency) so that it runs the TypeScript sources under plain Node.
 */
// 80 kills by default (about 60 s): in CI runs of 200 kills, about 64% landed mid-write, so 80
// still give some fifty kills inside a save. KILL_LOOP_ITERATIONS=1000 for a longer soak.
const ITERATIONS = Number(process.env.KILL_LOOP_ITERATIONS ?? 80)
// Long enough for a few saves of the 4.5 MB project to finish (each takes about 50–90 ms here),
// so that kills also land in later saves, with a .bak in place.
const MAX_DELAY_MS = 250

let dir: string
let cleanup: () => void
let worker: string
let project: string

// A small seeded generator, so that a failing run can be replayed with KILL_LOOP_SEED.
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

beforeAll(async () => {
  ;({ dir, cleanup } = makeTempDir('kill-loop'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(__dirname, '../../..'),
    build: {
      ssr: join(__dirname, 'kill-worker.ts'),
      outDir: join(dir, 'bundle'),
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'kill-worker.mjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  })
  worker = join(dir, 'bundle', 'kill-worker.mjs')
  project = join(dir, 'data', 'big.chtmig.json')
  mkdirSync(join(dir, 'data'))
  writeFileSync(project, serializeProject(largeDocument(4_500_000)))
}, 60_000)
afterAll(() => cleanup?.())

/** Starts the worker and resolves once it has loaded the project and begun saving. */
function startWorker() {
  const child = spawn(process.execPath, [worker, project], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker did not start in 10 s')), 10_000)
    child.stdout.on('data', () => {
      if (stdout.includes('ready\n')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the worker exited early (${code ?? signal}): ${stderr.slice(0, 2000)}`))
    })
  })
  return { child, ready, exited, saves: () => stdout.match(/saved \d+/g)?.length ?? 0 }
}

const leftoversOf = (pid: number) =>
  readdirSync(join(dir, 'data')).filter((n) => n.includes(`.${pid}-`) && n.endsWith('tmp'))

describe('atomic write under SIGKILL', () => {
  it(`leaves a loadable project after each of ${ITERATIONS} kills at random moments`, async () => {
    const seed = Number(process.env.KILL_LOOP_SEED ?? Date.now() % 1_000_000)
    const random = prng(seed)
    const started = Date.now()
    let midWrite = 0
    let saves = 0
    let killedBeforeFirstSave = 0

    for (let i = 0; i < ITERATIONS; i++) {
      const run = startWorker()
      await run.ready
      await new Promise((r) => setTimeout(r, Math.floor(random() * (MAX_DELAY_MS + 1))))
      run.child.kill('SIGKILL')
      await run.exited
      const completed = run.saves()
      saves += completed
      if (completed === 0) killedBeforeFirstSave++
      if (leftoversOf(run.child.pid!).length > 0) midWrite++

      const context = `iteration ${i} (seed ${seed})`
      const doc = await readProjectFile(project, { offerBackup: false }).catch((e: unknown) => {
        throw new Error(`${context}: the project does not load: ${String(e)}`)
      })
      expect(doc.name, context).toMatch(/^(Kenya CHT Sync migration|Kill loop \d+ save \d+)$/)
      if (existsSync(`${project}.bak`)) {
        await readProjectFile(`${project}.bak`, { offerBackup: false }).catch((e: unknown) => {
          throw new Error(`${context}: the backup does not load: ${String(e)}`)
        })
      }
    }

    // Leftovers of the last killed writers go with the next successful save.
    const doc = await readProjectFile(project)
    await atomicWriteFile(project, serializeProject(doc))
    const files = readdirSync(join(dir, 'data')).sort()
    const leftovers = files.filter((n) => n.endsWith('tmp'))
    expect(leftovers, `temp files kept after a successful save: ${leftovers}`).toEqual([])
    expect(files).toEqual([basename(project), `${basename(project)}.bak`])

    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.info(
      `kill loop: ${ITERATIONS} kills in ${seconds} s (seed ${seed}); ${saves} saves completed; ` +
        `${midWrite} kills left a temp file behind (killed mid-write); ` +
        `${killedBeforeFirstSave} kills came before the first save finished`,
    )
    expect(midWrite).toBeGreaterThan(0)
    expect(saves).toBeGreaterThan(0)
  }, 240_000)
})
