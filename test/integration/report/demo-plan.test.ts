import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseEnv } from 'dotenv'
import { call } from '../../../src/main/api/dispatch'
import { metricStarters } from '../../../src/main/engine/parity/metric-starters'
import type { Intent } from '../../../src/shared/intents'
import { demoTestContext, type TestContext } from '../../support/handler-context'

/**
 * The demo project's plan, exported as a person would after working through the demo: the
 * inventory, every check and the parity comparisons run, decisions and approvals recorded with
 * names in Latin, Devanagari, Ethiopic and Arabic. The PDF's text (pdftotext) holds every
 * section and the names; its pages rendered to PNG (pdftoppm) are not blank and are kept under
 * `test-results/report-pages/demo-plan/` with the PDF; no password of the demo appears in any export.
 */

const NAMES = {
  latin: 'Wanjiru Mwangi',
  devanagari: 'सीता देवी',
  ethiopic: 'አበበ ከበደ',
  arabic: 'فاطمة الزهراء',
}
const PAGES_DIR = resolve('test-results/report-pages/demo-plan')

let t: TestContext
let stop: () => Promise<void>
let out: string

async function runJob(op: string, input: Record<string, unknown>): Promise<unknown> {
  const started = await call(op as 'checks.run', input as never, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const finished = await t.ctx.jobs.wait(started.value.jobId)
  if (!finished.ok) throw new Error(`${op}: ${finished.error.message}`)
  return finished.value
}

async function update(intents: Intent[]): Promise<void> {
  const updated = await call('project.update', { intents }, t.ctx)
  if (!updated.ok) throw new Error(updated.error.message)
}

async function exportAs(format: string, file: string): Promise<string> {
  const path = join(out, file)
  const value = (await runJob('report.export', { format, path })) as { path: string; bytes: number }
  expect(value.bytes).toBeGreaterThan(0)
  return value.path
}

/** The demo's passwords, as its CHT Sync `.env` holds them. */
function demoPasswords(): string[] {
  const envPath = t.ctx.project.state!.document.checks.envPath!
  const env = parseEnv(readFileSync(envPath))
  return Object.entries(env)
    .filter(([key, value]) => /PASSWORD|SECRET|TOKEN/i.test(key) && value.length >= 6)
    .map(([, value]) => value)
}

beforeAll(async () => {
  ;({ t, stop } = await demoTestContext({ size: 'small', docs: 1500 }))
  out = join(t.dir, 'exports')
  mkdirSync(out, { recursive: true })
  process.env.CHT_MIGRATE_CHECK_SAMPLE_MS = '200'
  await runJob('inventory.run', {})
  await runJob('checks.run', {})
  const starters = metricStarters({
    old: {
      schema: 'public',
      formMetadata: { reported: 'timestamp' },
      contactviewMetadata: { reported: 'timestamptz' },
    },
    new: { schema: 'v1', table: 'couchdb', dataRecord: true, contact: true },
    deliveryForm: 'delivery',
  })
  await update(starters.map((metric) => ({ type: 'parity.setMetric', metric })))
  await runJob('parity.run', {})
  const document = t.ctx.project.state!.document
  const inventory = document.results['inventory.couch2pg']
  const keys = inventory?.details.kind === 'inventory' ? inventory.details.order.slice(0, 3) : []
  await update([
    ...(keys.length > 0
      ? [
          {
            type: 'inventory.decide' as const,
            keys,
            decision: { action: 'retire' as const, owner: NAMES.arabic, due: '2027-01-15' },
          },
        ]
      : []),
    {
      type: 'item.set',
      itemId: 'plan.inventory',
      note: `Reviewed with ${NAMES.ethiopic}; password=hunter22 stays out of the plan`,
    },
    ...Object.values(NAMES).map((name, i) => ({
      type: 'signoff.add' as const,
      stepId: i < 2 ? ('plan' as const) : ('setup' as const),
      signoff: { name, role: 'Programme manager', note: '' },
    })),
  ])
}, 300_000)
afterAll(async () => {
  delete process.env.CHT_MIGRATE_CHECK_SAMPLE_MS
  await stop?.()
})

describe('the demo project plan', () => {
  it('prints every section, the names in four scripts and page numbers; its pages are not blank', async () => {
    const pdf = await exportAs('pdf', 'plan.pdf')
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    const report = JSON.parse(readFileSync(await exportAs('json', 'plan.json'), 'utf8'))
    expect(report.sections.length).toBeGreaterThanOrEqual(9)
    for (const section of report.sections as { title: string; empty: string | null }[]) {
      expect(text, section.title).toContain(section.title)
      // The demo's inventory, checks and parity ran: those sections have content.
      if (['Executive summary', 'Checks'].includes(section.title)) expect(section.empty).toBeNull()
    }
    expect(text).toMatch(/Page 1 of \d+/)
    expect(text).toContain(NAMES.latin)
    expect(text).toContain(NAMES.devanagari)
    expect(text).toContain(NAMES.ethiopic)
    // Arabic is shaped in the PDF; its text layer comes out in presentation forms, so the font
    // that draws it is asserted instead.
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    expect(fonts).toMatch(/IBMPlexSansArabic/)
    expect(fonts).toMatch(/NotoSansDevanagari/)
    expect(fonts).toMatch(/NotoSansEthiopic/)

    rmSync(PAGES_DIR, { recursive: true, force: true })
    mkdirSync(PAGES_DIR, { recursive: true })
    copyFileSync(pdf, join(PAGES_DIR, 'demo-plan.pdf'))
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(PAGES_DIR, 'demo-plan')])
    const pages = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.png'))
    expect(pages.length).toBeGreaterThanOrEqual(report.sections.length)
    // A blank A4 page at 40 dpi compresses to well under 1 KB.
    for (const page of pages) expect(statSync(join(PAGES_DIR, page)).size).toBeGreaterThan(1_500)
  }, 120_000)

  it('exports JSON, Markdown and the three CSV tables, none holding a password', async () => {
    const files = [
      await exportAs('pdf', 'again.pdf'),
      await exportAs('json', 'plan.json'),
      await exportAs('markdown', 'summary.md'),
      await exportAs('csv-inventory', 'inventory.csv'),
      await exportAs('csv-checks', 'checks.csv'),
      await exportAs('csv-parity', 'parity.csv'),
    ]
    const secrets = [...demoPasswords(), 'hunter22']
    expect(secrets.length).toBeGreaterThan(1)
    for (const file of files) {
      const body = file.endsWith('.pdf')
        ? execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
        : readFileSync(file, 'utf8')
      for (const secret of secrets) expect(body, `${file} holds a secret`).not.toContain(secret)
    }
    const markdown = readFileSync(files[2]!, 'utf8')
    expect(markdown).toContain(NAMES.devanagari)
    expect(markdown).toContain('https://docs.communityhealthtoolkit.org')
    const inventoryCsv = readFileSync(files[3]!, 'utf8')
    expect(inventoryCsv.split('\r\n').length).toBeGreaterThan(10)
    expect(readFileSync(files[4]!, 'utf8')).toMatch(/pass|fail|warn/i)
  }, 120_000)
})
