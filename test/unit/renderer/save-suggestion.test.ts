import { describe, expect, it } from 'vitest'
import {
  isInDemoFolder,
  isPathInside,
  suggestedSavePath,
  type SuggestionProject,
} from '../../../src/renderer/src/lib/save-suggestion'

const DEFAULT_DIR = '/home/amina/cht-migrations'
const demo = {
  dir: '/tmp/cht-migrate-demo-Ab12Cd',
  manifestPath: '/tmp/cht-migrate-demo-Ab12Cd/manifest.json',
  size: 'small',
  seed: 42,
  documents: 20_000,
  startedAt: '2026-01-01T00:00:00.000Z',
}
const project = (path: string | null, withDemo = false): SuggestionProject => ({
  path,
  document: {
    name: withDemo ? 'Demo deployment (small, 20,000 documents)' : 'Kenya CHIS',
    demo: withDemo ? demo : null,
  },
})

describe('suggestedSavePath', () => {
  it("suggests the default projects folder for a demo's project, never the demo's folder", () => {
    const open = project('/tmp/cht-migrate-demo-Ab12Cd/demo.chtmig.json', true)
    expect(suggestedSavePath('saveAs', open, DEFAULT_DIR)).toBe(
      `${DEFAULT_DIR}/demo-deployment-small-20-000-documents.chtmig.json`,
    )
    expect(suggestedSavePath('export', open, DEFAULT_DIR)).toBe(
      `${DEFAULT_DIR}/demo-deployment-small-20-000-documents.md`,
    )
  })

  it("suggests beside the person's own file: a copy, or the summary", () => {
    const open = project('/srv/plans/kenya.chtmig.json')
    expect(suggestedSavePath('saveAs', open, DEFAULT_DIR)).toBe(
      '/srv/plans/copy-of-kenya.chtmig.json',
    )
    expect(suggestedSavePath('export', open, DEFAULT_DIR)).toBe('/srv/plans/kenya.md')
  })

  it("treats a demo's project saved out of its folder as the person's own file", () => {
    const open = project('/srv/plans/demo-copy.chtmig.json', true)
    expect(suggestedSavePath('export', open, DEFAULT_DIR)).toBe('/srv/plans/demo-copy.md')
  })

  it('suggests the default folder for a project without a file, or none open', () => {
    expect(suggestedSavePath('saveAs', project(null), DEFAULT_DIR)).toBe(
      `${DEFAULT_DIR}/kenya-chis.chtmig.json`,
    )
    expect(suggestedSavePath('export', null, DEFAULT_DIR)).toBe(`${DEFAULT_DIR}/migration.md`)
  })

  it('keeps Windows separators', () => {
    const open = project('C:\\Temp\\cht-migrate-demo-1\\demo.chtmig.json', true)
    open.document.demo!.dir = 'C:\\Temp\\cht-migrate-demo-1'
    expect(suggestedSavePath('saveAs', open, 'C:\\Users\\amina\\Documents')).toBe(
      'C:\\Users\\amina\\Documents\\demo-deployment-small-20-000-documents.chtmig.json',
    )
  })
})

describe('isPathInside and isInDemoFolder', () => {
  it.each([
    ['/tmp/d/x', '/tmp/d', true],
    ['/tmp/d/x', '/tmp/d/', true],
    ['C:\\t\\d\\x', 'C:\\t\\d', true],
    ['/tmp/dx/x', '/tmp/d', false],
    ['/tmp/d', '/tmp/d', false],
    ['/tmp/x', '', false],
  ])('%s inside %s: %s', (path, dir, inside) => {
    expect(isPathInside(path, dir)).toBe(inside)
  })

  it("is true only for a demo's project in the demo's folder", () => {
    expect(isInDemoFolder(project(`${demo.dir}/demo.chtmig.json`, true))).toBe(true)
    expect(isInDemoFolder(project('/srv/demo.chtmig.json', true))).toBe(false)
    expect(isInDemoFolder(project(`${demo.dir}/demo.chtmig.json`))).toBe(false)
    expect(isInDemoFolder(project(null, true))).toBe(false)
  })
})
