import { describe, expect, it } from 'vitest'
import { csvCell, renderPlanCsv } from '../../../../src/main/engine/report/csv'
import type { Block } from '../../../../src/shared/report/model'
import { appErrorFrom } from '../../../support/app-error'
import { planFixture, section } from './plan-fixture'

const BOM = '\uFEFF'

/** The records of a CSV without its BOM, split on CRLF (the last line ends with one too). */
const records = (csv: string) => csv.slice(1).split('\r\n').slice(0, -1)

describe('a table of the plan as CSV', () => {
  const csv = renderPlanCsv(planFixture(), 'inventory')

  it('is UTF-8 with a byte order mark and CRLF line ends, with the column labels as header', () => {
    expect(csv.startsWith(BOM)).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(records(csv)[0]).toBe('Object,Formula,Rows')
    expect(csv).toContain('क्षेत्रीय अस्पताल')
    expect(csv).toContain('ሰላም')
  })

  it('exports the data-only table, numbers plain, spans as their text, null as empty', () => {
    expect(records(csv)).toContain('"Comma, ""quoted""",क्षेत्रीय अस्पताल,')
    expect(csv).toContain(',3.5\r\n')
    expect(csv).toContain(',-7\r\n')
  })

  it('makes cells a spreadsheet would run as formulas inert with a leading quote', () => {
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",'+1,42\r\n`)
    expect(csv).toContain("'-2,'@SUM(A1),-7\r\n")
    expect(csv).toContain(`'\tTab,"'\rReturn",0\r\n`)
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell({ text: '=1+1', strong: true })).toBe("'=1+1")
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('quotes fields with a line break, quote or comma (RFC 4180)', () => {
    expect(csv).toContain('"line\nbreak",ሰላም,3.5\r\n')
    expect(csvCell('plain text')).toBe('plain text')
  })

  it('is the header alone for a table without rows', () => {
    expect(renderPlanCsv(planFixture(), 'checks')).toBe(`${BOM}Check,Verdict\r\n`)
  })

  it('follows one table with the next of the same key and columns', () => {
    const table = (rows: string[][]): Block => ({
      type: 'table',
      csv: 'parity',
      caption: 'Comparisons',
      columns: [{ key: 'name', label: 'Name', width: 1 }],
      rows,
      empty: 'None',
    })
    const report = planFixture([
      section({ id: 'a', blocks: [table([['one']])] }),
      section({ id: 'b', blocks: [table([['two'], ['three']])] }),
    ])
    expect(records(renderPlanCsv(report, 'parity'))).toEqual(['Name', 'one', 'two', 'three'])
  })

  it('is refused, saying what fills it, when the plan has no such table', async () => {
    const e = await appErrorFrom(
      Promise.resolve().then(() => renderPlanCsv(planFixture(), 'parity')),
    )
    expect(e.code).toBe('NOT_FOUND')
    expect(e.message).toMatch(/no parity table.*run a parity comparison/)
  })
})
