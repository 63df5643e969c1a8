/**
 * `npm run bench:project`: the project file's size budget.
 *
 * Builds a project as big as a long migration makes it (1,000 inventory objects, 200 check
 * results with 30 earlier runs each, 50 comparisons with samples; see support/large-project.ts),
 * then measures in browser mode (the real `cht-migrate serve` server in this process, called
 * over HTTP as the page calls it, replies checked with the contract's schemas as the page does):
 * the file's size, opening it, a save, and the round trip of an edit (`project.update`, which
 * answers with a patch) against the round trip of the whole project (`project.get`).
 *
 * Edits come 20 ms apart, and every 20th just after the autosave delay, so that it lands while
 * the autosave writes the whole file.
 *
 * Targets: under 10 MB, opened in under 500 ms, an edit's round trip under 50 ms (p99).
 * Options: --json (one JSON object on stdout), --edits N (default 200).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readProjectFile, serializeProject } from '../src/main/engine/project/project-file'
import { contract } from '../src/shared/contract'
import { resultSchema } from '../src/shared/result'
import { ALL_ITEMS } from '../src/shared/steps-catalog'
import { BUDGET_SIZE, largeProject } from './support/large-project'
import { percentiles, round, serveEngine } from './support/serve-client'

const TARGETS = { maxMegabytes: 10, openMs: 500, editP99Ms: 50 }

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

/** A reply checked against the operation's output schema, as the page's transport does. */
function check(op: keyof typeof contract, body: unknown): void {
  const parsed = resultSchema(contract[op].output).safeParse(body)
  if (!parsed.success || !parsed.data.ok)
    throw new Error(`${op} answered ${JSON.stringify(body).slice(0, 300)}`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, edits: { type: 'string' } },
  })
  const edits = Number(values.edits ?? 200)
  const served = await serveEngine()
  try {
    const doc = largeProject(BUDGET_SIZE)
    const serialized = await timed(() => serializeProject(doc))
    const path = join(served.dir, 'budget.chtmig.json')
    writeFileSync(path, serialized.value)
    const bytes = Buffer.byteLength(serialized.value)

    const reads: number[] = []
    for (let i = 0; i < 5; i++) reads.push((await timed(() => readProjectFile(path))).ms)
    const opens: number[] = []
    let openBytes = 0
    for (let i = 0; i < 5; i++) {
      const { ms, value } = await timed(async () => {
        const reply = await served.call('project.open', { path, discardChanges: true })
        check('project.open', reply.body)
        return reply.bytes
      })
      opens.push(ms)
      openBytes = value
    }

    const editTimes: number[] = []
    let editBytes = 0
    for (let i = 0; i < edits; i++) {
      const itemId = ALL_ITEMS[i % ALL_ITEMS.length]!.id
      const note = `Edit ${i}: checked the counts with the data team.`
      const { ms } = await timed(async () => {
        const reply = await served.call('project.update', {
          intents: [{ type: 'item.set', itemId, note }],
        })
        check('project.update', reply.body)
        editBytes = Math.max(editBytes, reply.bytes)
      })
      editTimes.push(ms)
      // People pause between edits. Every 20th pause is just longer than the autosave delay
      // (1.5 s, plus 0 to 36 ms), so that edit lands while the autosave writes the whole file.
      const late = 1_500 + ((i / 20) % 10) * 4
      await new Promise((r) => setTimeout(r, i % 20 === 19 ? late : 20))
    }
    const whole = await timed(async () => {
      const reply = await served.call('project.get', {})
      check('project.get', reply.body)
      return reply.bytes
    })
    const save = await timed(async () =>
      check('project.save', (await served.call('project.save', {})).body),
    )

    const edit = percentiles(editTimes)
    const open = percentiles(opens)
    const figures = {
      size: { ...BUDGET_SIZE, bytes, megabytes: round(bytes / 1_048_576, 2) },
      serializeMs: round(serialized.ms),
      readMs: percentiles(reads.map((v) => round(v))),
      openMs: { ...open, replyBytes: openBytes },
      editMs: { ...edit, count: edits, replyBytes: editBytes },
      wholeProjectRoundTripMs: round(whole.ms),
      wholeProjectBytes: whole.value,
      saveMs: round(save.ms),
    }
    const within = {
      size: figures.size.megabytes < TARGETS.maxMegabytes,
      open: open.p50 < TARGETS.openMs,
      edit: edit.p99 < TARGETS.editP99Ms,
    }
    const machine = { cpus: (await import('node:os')).cpus().length, node: process.version }
    if (values.json) {
      process.stdout.write(JSON.stringify({ machine, targets: TARGETS, within, figures }) + '\n')
      return
    }
    const ok = (v: boolean) => (v ? 'met' : 'MISSED')
    process.stdout.write(
      [
        'Project size budget (browser mode, this machine):',
        `  project: ${BUDGET_SIZE.objects} inventory objects, ${BUDGET_SIZE.checks} check results × ${BUDGET_SIZE.history} earlier runs, ${BUDGET_SIZE.comparisons} comparisons with samples`,
        `  file size            ${figures.size.megabytes} MB (target < ${TARGETS.maxMegabytes} MB: ${ok(within.size)})`,
        `  read + validate      p50 ${round(figures.readMs.p50)} ms, max ${round(figures.readMs.max)} ms (engine side)`,
        `  open (project.open)  p50 ${round(open.p50)} ms, max ${round(open.max)} ms over HTTP with the page's checks (target < ${TARGETS.openMs} ms: ${ok(within.open)})`,
        `  edit (project.update) p50 ${round(edit.p50)} ms, p95 ${round(edit.p95)} ms, p99 ${round(edit.p99)} ms, max ${round(edit.max)} ms; reply ≤ ${editBytes} bytes (target p99 < ${TARGETS.editP99Ms} ms: ${ok(within.edit)})`,
        `  whole project (project.get) ${figures.wholeProjectRoundTripMs} ms, ${round(whole.value / 1_048_576, 2)} MB: what every edit would cost without patches`,
        `  save (project.save)  ${figures.saveMs} ms (entries checked once are not checked again); a first save of a new document ${figures.serializeMs} ms`,
      ].join('\n') + '\n',
    )
  } finally {
    await served.close()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:project failed: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exitCode = 1
})
