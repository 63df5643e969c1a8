import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import { reportFormatOf } from '../../../src/main/cli/report-command'
import { serializeProject } from '../../../src/main/engine/project/project-file'
import type { PlanReport } from '../../../src/shared/report/model'
import { memoryIo } from '../../support/memory-io'
import { sampleDocument } from '../../support/project-fixtures'

let base: string
let file: string
let before: string
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-report-cmd-'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})
beforeEach(async () => {
  vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(base, 'config'))
  file = join(base, 'kenya.chtmig.json')
  before = serializeProject(sampleDocument({ name: 'Kenya' }))
  await writeFile(file, before)
})
afterEach(() => vi.unstubAllEnvs())

async function report(...args: string[]) {
  const io = memoryIo()
  const code = await main(['report', '--project', file, ...args], io.io)
  return { code, io }
}

describe('cht-migrate report', () => {
  it('writes the plan as JSON from the extension of --out, leaving the project untouched', async () => {
    const out = join(base, 'plan.json')
    const { code, io } = await report('--out', out, '--json')
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    const printed = JSON.parse(io.stdout()) as Record<string, unknown>
    expect(printed).toEqual({
      path: out,
      bytes: expect.any(Number),
      format: 'json',
      ms: expect.any(Number),
    })
    const plan = JSON.parse(await readFile(out, 'utf8')) as PlanReport
    expect(plan).toMatchObject({ format: 'cht-migration-plan', schemaVersion: 1 })
    expect(plan.cover.projectName).toBe('Kenya')
    expect(printed.bytes).toBe((await readFile(out)).length)
    expect(await readFile(file, 'utf8')).toBe(before)
    expect(existsSync(`${file}.bak`)).toBe(false)
  })

  it('writes the Markdown summary and says where, and how large', async () => {
    const out = join(base, 'summary.md')
    const { code, io } = await report('--out', out)
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    expect(io.stdout()).toMatch(/^Wrote the plan \(Markdown\) to .*summary\.md: [\d,]+ bytes\.$/)
    expect(await readFile(out, 'utf8')).toMatch(/^# Migration plan/)
  })

  it('writes the PDF in a worker thread, with no connection', async () => {
    const out = join(base, 'kenya-plan.pdf')
    const { code, io } = await report('--out', out, '--json')
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    expect(JSON.parse(io.stdout())).toMatchObject({ path: out, format: 'pdf' })
    expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await readFile(file, 'utf8')).toBe(before)
  }, 60_000)

  it('writes a table as CSV when told which', async () => {
    const out = join(base, 'checks.csv')
    const { code, io } = await report('--out', out, '--table', 'checks')
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    expect((await readFile(out, 'utf8')).startsWith('\uFEFF')).toBe(true)
  })

  it('refuses, with exit 2, an --out that is the project or its backup', async () => {
    for (const out of [file, `${file}.bak`]) {
      const { code, io } = await report('--out', out, '--format', 'json')
      expect(code).toBe(ExitCode.BadInput)
      expect(io.stderr()).toMatch(/project/)
    }
    expect(await readFile(file, 'utf8')).toBe(before)
  })

  it('exits 2 when the format cannot be told, and 1 when the project cannot be read', async () => {
    expect((await report('--out', join(base, 'x.csv'))).code).toBe(ExitCode.BadInput)
    expect((await report('--out', join(base, 'x.txt'))).code).toBe(ExitCode.BadInput)
    expect((await report('--out', join(base, 'x.pdf'), '--format', 'docx')).code).toBe(
      ExitCode.BadInput,
    )
    expect((await report()).code).toBe(ExitCode.BadInput)
    const io = memoryIo()
    const missing = [
      'report',
      '--project',
      join(base, 'nope.chtmig.json'),
      '--out',
      join(base, 'y.md'),
    ]
    expect(await main(missing, io.io)).toBe(ExitCode.Error)
  })
})

describe('the format of cht-migrate report', () => {
  const of = (values: Record<string, string>, out: string) => reportFormatOf(values, out)

  it('follows --format, then --table, then the extension of --out', () => {
    expect(of({}, 'a.PDF')).toBe('pdf')
    expect(of({}, 'a.markdown')).toBe('markdown')
    expect(of({ table: 'parity' }, 'a.csv')).toBe('csv-parity')
    expect(of({ format: 'csv-inventory' }, 'a.txt')).toBe('csv-inventory')
    expect(of({ format: 'csv-checks', table: 'checks' }, 'a.csv')).toBe('csv-checks')
    expect(() => of({ format: 'csv-checks', table: 'parity' }, 'a.csv')).toThrow(/disagree/)
    expect(() => of({ table: 'people' }, 'a.csv')).toThrow(/--table/)
    expect(() => of({}, 'a.csv')).toThrow(/--table inventory\|checks\|parity/)
  })
})
