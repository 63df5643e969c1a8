import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { serializeProject } from '../../../src/main/engine/project/project-file'
import { CHECKS } from '../../../src/shared/checks/check-catalog'
import type { ProjectDocument } from '../../../src/shared/project-schema'
import type { PlanReport } from '../../../src/shared/report/model'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { formview, table } from '../../support/inventory-objects'
import { FIRST_ITEM, sampleDocument } from '../../support/project-fixtures'
import {
  checkResult,
  comparisonResult,
  inventoryResult,
  run,
} from '../../support/teardown-fixtures'

/**
 * `report.export` through the dispatcher, as every face calls it: a saved project with an
 * inventory, checks, a parity run, notes and approvals (names in four scripts, credentials pasted
 * into notes) exported as JSON, Markdown and the three CSV tables, and as a PDF once the engine
 * can render one. No credential reaches any export.
 */

const NAMES = ['Wanjiru Mwangi', 'सीता शर्मा', 'አበበ ከበደ', 'فاطمة الزهراء']
const SECRETS = ['Hunter2-in-a-note', 'S3cr3t-in-a-url', 'tok-3f9a1c7e', 'signoff-pw-771']

function projectDocument(): ProjectDocument {
  const doc = sampleDocument({ name: 'Kenya ANC' })
  const day = new Date().toISOString().slice(0, 10)
  const results = [
    inventoryResult([table('couchdb', { rows: 1200 }), formview('delivery', ['outcome'])]),
    ...CHECKS.slice(0, 4).map((c, i) =>
      checkResult(c.id, i === 0 ? 'fail' : 'pass', new Date().toISOString()),
    ),
    comparisonResult('parity.documents.all', 'pass', `${day}T01:00:00.000Z`, [run(day)]),
  ]
  doc.results = Object.fromEntries(results.map((r) => [r.id, r]))
  doc.connections.couchdb = { url: 'https://kenya.example.org', username: 'medic' }
  doc.items[FIRST_ITEM]!.note =
    `Reviewed by ${NAMES[1]}. PGPASSWORD=${SECRETS[0]} and ` +
    `postgres://cht:${SECRETS[1]}@db.example.org/cht, Authorization: Bearer ${SECRETS[2]}`
  doc.signoff = {
    plan: NAMES.map((name, i) => ({
      id: `s${i}`,
      name,
      role: 'Programme manager',
      at: '2026-11-30T09:00:00.000Z',
      note: i === 0 ? `password: ${SECRETS[3]}` : '',
      recordedBy: 'amina',
      recordedAt: '2026-11-30T09:00:00.000Z',
    })),
  }
  return doc
}

let t: TestContext

async function exportAs(format: string, file: string) {
  const started = await call('report.export', { format, path: join(t.dir, file) }, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const done = await t.ctx.jobs.wait(started.value.jobId)
  if (!done.ok) throw new Error(`${format}: ${done.error.message}`)
  return done.value as { path: string; bytes: number; download: null }
}

beforeAll(async () => {
  t = await createTestContext()
  const path = join(t.dir, 'kenya.chtmig.json')
  await writeFile(path, serializeProject(projectDocument()))
  const opened = await call('project.open', { path }, t.ctx)
  if (!opened.ok) throw new Error(opened.error.message)
  await call('app.setPreferences', { userName: 'Amina Otieno' }, t.ctx)
})
afterAll(async () => {
  await t?.dispose()
})

describe('report.export through the dispatcher', () => {
  it('writes the plan as JSON: every section, the author, the approvals', async () => {
    const done = await exportAs('json', 'plan.json')
    const text = readFileSync(done.path, 'utf8')
    expect(done.bytes).toBe(Buffer.byteLength(text))
    const plan = JSON.parse(text) as PlanReport
    expect(plan).toMatchObject({ format: 'cht-migration-plan', schemaVersion: 1 })
    expect(plan.cover).toMatchObject({ projectName: 'Kenya ANC', author: 'Amina Otieno' })
    expect(plan.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(['summary', 'plan', 'checks', 'parity', 'signoff']),
    )
    for (const name of NAMES) expect(text).toContain(name)
  })

  it('writes the Markdown summary that reads like the plan', async () => {
    const md = readFileSync((await exportAs('markdown', 'summary.md')).path, 'utf8')
    expect(md).toMatch(/^# Migration plan: cht-couch2pg to CHT Sync\n/)
    expect(md).toContain('## Contents')
    expect(md).toContain('- **Author:** Amina Otieno')
    for (const name of NAMES) expect(md).toContain(name)
    expect(md).toMatch(/Signature: _+/)
  })

  it('writes the inventory, checks and parity tables as CSV for spreadsheets', async () => {
    for (const table of ['inventory', 'checks', 'parity']) {
      const csv = readFileSync((await exportAs(`csv-${table}`, `${table}.csv`)).path, 'utf8')
      expect(csv.startsWith('\uFEFF'), table).toBe(true)
      const records = csv.slice(1).split('\r\n')
      expect(records.length, table).toBeGreaterThan(2)
      expect(records.at(-1), table).toBe('')
    }
  })

  it('writes the PDF, in a worker thread', async () => {
    const done = await exportAs('pdf', 'plan.pdf')
    expect(readFileSync(done.path).subarray(0, 5).toString()).toBe('%PDF-')
    expect(done.bytes).toBe(readFileSync(done.path).length)
  }, 60_000)

  it('ends the PDF worker at once on Cancel, writing nothing', async () => {
    const path = join(t.dir, 'cancelled.pdf')
    const rendering = new Promise<void>((resolve) => {
      const stop = t.ctx.events.subscribe((event) => {
        if (event.type !== 'job.progress' || event.job.progress.phase !== 'rendering') return
        stop()
        resolve()
      })
    })
    const started = await call('report.export', { format: 'pdf', path }, t.ctx)
    if (!started.ok) throw new Error(started.error.message)
    await rendering
    const cancelledAt = Date.now()
    expect(await call('jobs.cancel', { jobId: started.value.jobId }, t.ctx)).toEqual({
      ok: true,
      value: { cancelled: true },
    })
    const done = await t.ctx.jobs.wait(started.value.jobId)
    expect(done.ok || done.error.code).toBe('CANCELLED')
    expect(Date.now() - cancelledAt).toBeLessThan(2_000)
    expect(existsSync(path)).toBe(false)
  })

  it('lets no credential pasted into the project reach any export', async () => {
    const files = [
      await exportAs('json', 'again.json'),
      await exportAs('pdf', 'again.pdf'),
      await exportAs('markdown', 'again.md'),
      await exportAs('csv-inventory', 'again-inventory.csv'),
      await exportAs('csv-checks', 'again-checks.csv'),
      await exportAs('csv-parity', 'again-parity.csv'),
    ]
    for (const { path } of files) {
      const body = path.endsWith('.pdf')
        ? execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
        : readFileSync(path, 'utf8')
      for (const secret of SECRETS) expect(body, `${path} holds ${secret}`).not.toContain(secret)
    }
  }, 60_000)
})
