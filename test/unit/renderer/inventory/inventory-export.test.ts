import { describe, expect, it } from 'vitest'
import { isConflict, suggestedDbtDir } from '../../../../src/renderer/src/lib/inventory-export'

const project = (path: string | null, demoDir: string | null = null) => ({
  path,
  document: {
    name: 'Kenya – CHT Sync',
    demo: demoDir
      ? {
          dir: demoDir,
          manifestPath: '',
          size: 'small',
          seed: 1,
          documents: 1,
          startedAt: '2026-03-01T10:00:00.000Z',
        }
      : null,
  },
})

describe('the dbt export folder', () => {
  it('is beside the project file, or in the default folder for a demo or an unsaved project', () => {
    expect(suggestedDbtDir(project('/home/ana/kenya.chtmig.json'), '/home/ana/projects')).toBe(
      '/home/ana/dbt-models',
    )
    expect(suggestedDbtDir(project(null), '/home/ana/projects')).toBe(
      '/home/ana/projects/kenya-cht-sync-dbt-models',
    )
    expect(
      suggestedDbtDir(project('/tmp/demo-1/demo.chtmig.json', '/tmp/demo-1'), 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\kenya-cht-sync-dbt-models')
    expect(suggestedDbtDir(null, '/p')).toBe('/p/migration-dbt-models')
  })

  it('knows the engine’s “folder not empty” refusal', () => {
    expect(isConflict('CONFLICT')).toBe(true)
    expect(isConflict('IO_ERROR')).toBe(false)
  })
})
