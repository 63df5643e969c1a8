import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPlanPdf } from '../../../src/main/engine/report/pdf/render'
import { renderPlanPdfInWorker } from '../../../src/main/engine/report/pdf/worker'
import { createWorkerPool } from '../../../src/main/engine/workers/worker-pool'
import { LONG_WORD, NAMES, smallReport } from './small-report'

/**
 * The plan's PDF from a small plan with every kind of block and the bad input it must survive
 * (four scripts, characters outside the fonts, a 10,000-character word, an empty section, a
 * 300-row table), checked the way a reader sees it: its text (poppler's pdftotext), its fonts
 * (pdffonts) and its pages as images (pdftoppm; kept in test-results/report-pages/small-plan/).
 */
const ARTIFACTS = resolve(__dirname, '../../../test-results/report-pages/small-plan')
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 })

/** Dark pixels in the page's content area (between the running header and the footer). */
function inkInContent(pgm: Buffer): number {
  // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))
  if (!header) throw new Error('not a PGM image')
  const [width, height] = [Number(header[1]), Number(header[2])]
  const pixels = pgm.subarray(header[0].length)
  let ink = 0
  for (let y = Math.floor(height * 0.09); y < Math.floor(height * 0.9); y++) {
    for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 200) ink++
  }
  return ink
}

/** The contents' entries (title, page) and whether each section starts on the page it says. */
function contentsHold(pdf: string): { title: string; page: number; holds: boolean }[] {
  const contents = run('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '2', '-l', '2', pdf, '-'])
  return [...contents.matchAll(/^\s*\d+\.\s+(.+?)\s{2,}(\d+)\s*$/gm)].map((m) => {
    const page = Number(m[2])
    const text = run('pdftotext', [
      '-enc',
      'UTF-8',
      '-f',
      String(page),
      '-l',
      String(page),
      pdf,
      '-',
    ])
    // The first line after the running header is the section's title.
    const first = text.split('\n').filter((l) => l.trim() !== '')[1] ?? ''
    return { title: m[1]!, page, holds: first.trim() === m[1]!.trim() }
  })
}

describe('the plan as a PDF', () => {
  let dir: string
  let pdf: string
  let text: string
  let pages: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cht-migrate-pdf-'))
    pdf = join(dir, 'plan.pdf')
    const bytes = await renderPlanPdf(smallReport(300))
    writeFileSync(pdf, bytes)
    text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])
    pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1])
  }, 180_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('has the cover, the contents, every section and page numbers on every page', () => {
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    for (const title of [
      'Migration plan: cht-couch2pg to CHT Sync',
      'Contents',
      'Executive summary',
      'Plan: inventory and decisions',
      'Checks',
      'Parity',
      'Sign-off',
    ]) {
      expect(text).toContain(title)
    }
    expect(pages).toBeGreaterThan(8)
    // Every page A4 portrait.
    const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), pdf]).match(
      /size:\s+[\d.]+ x [\d.]+/g,
    )
    expect(sizes).toHaveLength(pages)
    for (const size of sizes!) expect(size).toMatch(/595\.28 x 841\.89/)
    // The running footer on every page, the first included.
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`)
  })

  it('gives each section its page in the contents, also when no page ran over', async () => {
    // The plan above has a paragraph longer than a page: react-pdf numbers its pages itself.
    const entries = contentsHold(pdf)
    expect(entries).toHaveLength(5)
    expect(
      entries.every((e) => e.holds),
      JSON.stringify(entries),
    ).toBe(true)
    // Without it every page is as planned: the planned numbers are printed as they are.
    const report = smallReport(120)
    report.sections[0]!.blocks.pop()
    const file = join(dir, 'planned.pdf')
    writeFileSync(file, await renderPlanPdf(report))
    const planned = contentsHold(file)
    expect(
      planned.every((e) => e.holds),
      JSON.stringify(planned),
    ).toBe(true)
    const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1])
    const footers = run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    for (let n = 1; n <= count; n++) expect(footers).toContain(`Page ${n} of ${count}`)
  }, 120_000)

  it('prints names in Latin, Devanagari and Ethiopic, and embeds the Arabic font', () => {
    expect(text).toContain(NAMES.latin)
    expect(text).toContain(NAMES.devanagari)
    expect(text).toContain(NAMES.ethiopic)
    // Arabic's text layer is not reliably extractable (shaped glyphs): its font must be there.
    const fonts = run('pdffonts', [pdf])
    for (const font of [
      'NotoSans',
      'NotoSansDevanagari',
      'NotoSansEthiopic',
      'IBMPlexSansArabic',
    ]) {
      expect(fonts).toMatch(new RegExp(`\\+${font}-`))
    }
  })

  it('survives characters outside the fonts, a 10,000-character word and an empty section', () => {
    // An emoji and a private-use character: the replacement character instead.
    expect(text).toContain('Clinic \uFFFD with \uFFFD private use')
    // The long word is printed whole, broken over lines (only x's and line breaks).
    const xs = (text.match(/x+/g) ?? []).join('').length
    expect(xs).toBeGreaterThanOrEqual(LONG_WORD.length)
    expect(text).toMatch(/more characters\)/)
    expect(text).toContain('Empty section.')
    expect(text).toContain('No check ran yet: run the checks of each step to fill this section.')
  })

  it('breaks the 300-row table over pages, repeating its header, and marks missing values', () => {
    expect(text).toContain('formview_0')
    expect(text).toContain('formview_299')
    expect(text).toContain('Decided objects (300) (continued)')
    expect(text).toContain('— not recorded')
    // The table only the exports carry is not printed.
    expect(text).not.toContain('Every object (exports only)')
    expect(text).toContain('Migration order: No order was worked out yet.')
  })

  it('draws the charts as vector graphics, with their words', () => {
    // The trend chart's and the dashboard tiles' legends (the app's chart components).
    expect(text).toContain('not green (count above)')
    expect(text).toContain('differs')
    expect(text).toContain('Tile 2:')
    expect(text).toContain('Differences per day over 30 days.')
    // No raster image anywhere: `pdfimages -list` prints its two header lines only.
    expect(run('pdfimages', ['-list', pdf]).trim().split('\n')).toHaveLength(2)
  })

  it('draws no blank page (kept as PNG under test-results/report-pages/small-plan)', () => {
    rmSync(ARTIFACTS, { recursive: true, force: true })
    mkdirSync(ARTIFACTS, { recursive: true })
    run('pdftoppm', ['-png', '-r', '50', pdf, join(ARTIFACTS, 'page')])
    expect(readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png'))).toHaveLength(pages)
    run('pdftoppm', ['-gray', '-r', '20', pdf, join(dir, 'gray')])
    const grays = readdirSync(dir).filter((f) => f.endsWith('.pgm'))
    expect(grays).toHaveLength(pages)
    for (const gray of grays) {
      expect(inkInContent(readFileSync(join(dir, gray))), gray).toBeGreaterThan(10)
    }
  })

  it('renders in a worker thread too', async () => {
    const workers = createWorkerPool({ maxWorkers: 1 })
    try {
      const bytes = await renderPlanPdfInWorker(smallReport(20), workers)
      const file = join(dir, 'worker.pdf')
      writeFileSync(file, bytes)
      const fromWorker = run('pdftotext', ['-enc', 'UTF-8', file, '-'])
      expect(fromWorker).toContain('Executive summary')
      expect(fromWorker).toContain(NAMES.devanagari)
    } finally {
      await workers.dispose()
    }
  }, 180_000)

  it('refuses what is not a plan', async () => {
    await expect(renderPlanPdf({} as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })
})
