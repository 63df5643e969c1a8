import { describe, expect, it } from 'vitest'
import { REPORT_FORMATS } from '../../../src/shared/report/formats'
import {
  EXPORT_CHOICES,
  exportDoneText,
  sizeInWords,
  suggestedExportPath,
} from '../../../src/renderer/src/lib/export-view'

const project = (path: string | null, demoDir: string | null = null) => ({
  path,
  document: {
    name: 'Kenya CHIS',
    demo: demoDir ? ({ dir: demoDir } as never) : null,
  },
})

describe('export choices', () => {
  it('offers every format once, in order, each with a name and one line about it', () => {
    expect(EXPORT_CHOICES.map((c) => c.format)).toEqual([...REPORT_FORMATS])
    expect(EXPORT_CHOICES.map((c) => c.name)).toEqual([
      'Plan (PDF)',
      'Plan data (JSON)',
      'Summary (Markdown)',
      'Inventory table (CSV)',
      'Checks table (CSV)',
      'Parity table (CSV)',
    ])
    for (const choice of EXPORT_CHOICES) {
      expect(choice.about).toMatch(/^[A-Z].+\.$/)
      expect(choice.about).not.toContain('\n')
    }
  })
})

describe('suggestedExportPath', () => {
  it('puts the file beside the project, named after it', () => {
    expect(suggestedExportPath('pdf', project('/home/a/kenya.chtmig.json'), '/p')).toBe(
      '/home/a/kenya-chis-plan.pdf',
    )
    expect(suggestedExportPath('csv-checks', project('C:\\m\\k.chtmig.json'), 'D:\\p')).toBe(
      'C:\\m\\kenya-chis-checks.csv',
    )
  })

  it('uses the projects folder for a project without a file or inside the demo folder', () => {
    expect(suggestedExportPath('markdown', project(null), '/p')).toBe('/p/kenya-chis-summary.md')
    expect(
      suggestedExportPath('json', project('/tmp/demo/demo.chtmig.json', '/tmp/demo'), '/p'),
    ).toBe('/p/kenya-chis-plan.json')
  })
})

describe('outcome in words', () => {
  it('sizes in KB (at least 1) and MB', () => {
    expect(sizeInWords(10)).toBe('1 KB')
    expect(sizeInWords(12_800)).toBe('13 KB')
    expect(sizeInWords(1.5 * 1024 * 1024)).toBe('1.5 MB')
  })

  it('names the download or the path', () => {
    expect(
      exportDoneText('pdf', {
        path: null,
        bytes: 2048,
        download: { id: 'x', fileName: 'kenya-plan.pdf' },
      }),
    ).toBe(
      'Exported the plan (PDF) as “kenya-plan.pdf” (2 KB); your browser saves it with its downloads.',
    )
    expect(exportDoneText('csv-parity', { path: '/p/k.csv', bytes: 900, download: null })).toBe(
      'Exported the parity table (CSV) to /p/k.csv (1 KB).',
    )
    expect(exportDoneText(null, { path: '/p/k.md', bytes: 900, download: null })).toBe(
      'Exported the file to /p/k.md (1 KB).',
    )
  })
})
