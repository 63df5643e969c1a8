import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderPlanPdf } from '../../../src/main/engine/report/pdf/render'
import { projectDocumentSchema, type ProjectDocument } from '../../../src/shared/project-schema'
import { buildPlanReport } from '../../../src/shared/report/build'
import type { InventoryObject } from '../../../src/shared/results/inventory-result'
import { STEPS } from '../../../src/shared/steps-catalog'
import { sampleDocument } from '../../support/project-fixtures'
import {
  checkResults,
  decision,
  inventoryObjects,
  inventoryResult,
} from '../../unit/shared/report/sections-a-fixtures'

/**
 * The plan's PDF from projects as a person may bring them, built from the project document
 * (not a hand-made plan): a fresh project with nothing recorded, and a crafted one with names
 * and notes at the schema's limits, thousands of inventory rows, characters no bundled font has
 * and optional data missing. Each renders; the text says which sections are empty and marks
 * what is not recorded.
 */
const dir = mkdtempSync(join(tmpdir(), 'cht-report-hostile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ctxOf = (document: ProjectDocument) => ({
  document,
  steps: STEPS,
  now: new Date('2026-12-01T10:00:00Z'),
  appVersion: '0.1.0',
  author: null,
  locale: 'en-GB',
  timeZone: 'Africa/Addis_Ababa',
})

async function pdfText(document: ProjectDocument, name: string): Promise<string> {
  // Only what the schema accepts: the project file is validated on open.
  projectDocumentSchema.parse(document)
  const pdf = await renderPlanPdf(buildPlanReport(ctxOf(document)))
  const path = join(dir, `${name}.pdf`)
  writeFileSync(path, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
}

describe('the plan PDF of a project as a person brings it', () => {
  it('renders a fresh project, saying which sections are empty and what fills them', async () => {
    const report = buildPlanReport(ctxOf(sampleDocument({ items: {} })))
    const empty = report.sections.filter((s) => s.empty !== null)
    expect(empty.map((s) => s.id)).toEqual(
      expect.arrayContaining(['plan', 'checks', 'parity', 'optimize']),
    )
    const text = (await pdfText(sampleDocument({ items: {} }), 'fresh')).replace(/\s+/g, ' ')
    for (const section of report.sections) expect(text).toContain(section.title)
    // Each empty section's own sentence is printed (its first words, past any line break).
    for (const section of empty) {
      expect(text).toContain(section.empty!.replace(/\s+/g, ' ').slice(0, 40))
    }
    expect(text).toContain('— not recorded')
  }, 60_000)

  it('renders names and notes at the limits, 2,000 objects and characters outside the fonts', async () => {
    const long = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n)
    const template = inventoryObjects()[1]!
    const objects: InventoryObject[] = Array.from({ length: 2_000 }, (_, i) => ({
      ...template,
      key: `view:public.v_${i}`,
      name: i % 7 === 0 ? `ጤና_${'x'.repeat(50)}_${i}` : `v_${i}`,
      mapping: null,
      usage: template.usage,
    }))
    const decisions = Object.fromEntries(
      objects.slice(0, 1_500).map((o, i) => [
        o.key,
        decision('rebuild', {
          // A few owners and notes at the schema's limits; the rest as people write them.
          owner:
            i < 10
              ? i % 2
                ? long('क्षेत्रीय अस्पताल ', 200)
                : long('مستشفى 😀\uE000 ', 200)
              : `Owner ${i % 40}`,
          due: i % 3 ? '2027-02-01' : null,
          note: i < 10 ? long('Needed for the ANC dashboard. ', 5_000) : '',
        }),
      ]),
    )
    const document = sampleDocument({
      name: long('Région sanitaire de l’Est — ', 200),
      items: {
        'plan.scope': {
          status: 'in_progress',
          note: long('A note that goes on and on with 🚑 and \uE000 in it. ', 20_000),
          evidence: [],
          updatedBy: long('A', 200),
          updatedAt: '2026-11-30T10:00:00.000Z',
        },
      },
      results: {
        ...checkResults(),
        'inventory.couch2pg': { ...inventoryResult(objects), summary: long('s', 5_000) },
      },
      inventory: { decisions },
    })
    const text = await pdfText(document, 'crafted')
    expect(text).toContain('Executive summary')
    expect(text).toContain('v_1999')
    expect(text).toContain('क्षेत्रीय')
    // Characters no bundled font has are drawn as the replacement character, not dropped.
    expect(text).toContain('\uFFFD')
    // The note past its bound says how much was left in the project.
    expect(text).toMatch(/more characters in the project/)
  }, 180_000)
})
