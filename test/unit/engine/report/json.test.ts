import { describe, expect, it } from 'vitest'
import { renderPlanJson } from '../../../../src/main/engine/report/json'
import { planFixture } from './plan-fixture'

describe('the plan as JSON', () => {
  it('is the report model itself, with its format and schema version, pretty-printed', () => {
    const report = planFixture()
    const text = renderPlanJson(report)
    expect(JSON.parse(text)).toEqual(report)
    expect(text).toMatch(/^\{\n {2}"format": "cht-migration-plan",\n {2}"schemaVersion": 1,\n/)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('keeps the data-only tables the PDF and Markdown leave out', () => {
    const parsed = JSON.parse(renderPlanJson(planFixture())) as ReturnType<typeof planFixture>
    const tables = parsed.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'table')
    expect(tables.map((t) => t.caption)).toContain('Every object (data only)')
  })
})
