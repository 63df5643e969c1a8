import { emptyCheckSettings } from '../../../src/shared/checks/check-settings'
import { emptyInventorySettings } from '../../../src/shared/inventory/decisions'
import { emptyTeardownSettings } from '../../../src/shared/teardown/teardown-settings'
import { describe, expect, it } from 'vitest'
import { DIRTY_MARKER, PRODUCT_NAME, windowTitle } from '../../../src/main/electron/window-title'
import type { ProjectState } from '../../../src/shared/project-schema'
import { emptyParity } from '../../../src/shared/parity-definitions'

const project = (dirty: boolean): ProjectState => ({
  document: {
    format: 'cht-migration-project',
    schemaVersion: 9,
    id: 'p1',
    name: 'Kenya eCHIS',
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    appVersion: '0.1.0',
    settings: { staleAfterDays: 7 },
    items: {},
    results: {},
    connections: { couchdb: null, couch2pg: null, chtSync: null },
    demo: null,
    parity: emptyParity(),
    checks: emptyCheckSettings(),
    inventory: emptyInventorySettings(),
    teardown: emptyTeardownSettings(),
    signoff: {},
  },
  revision: 1,
  path: '/tmp/kenya.chtmig.json',
  dirty,
  lastSavedAt: null,
  recoveredFromBackup: false,
  lastSaveError: null,
})

describe('windowTitle', () => {
  it('is the product name when no project is open', () => {
    expect(windowTitle(null)).toBe(PRODUCT_NAME)
  })

  it('names the project and marks unsaved changes', () => {
    expect(windowTitle(project(false))).toBe(`Kenya eCHIS — ${PRODUCT_NAME}`)
    expect(windowTitle(project(true))).toBe(`${DIRTY_MARKER}Kenya eCHIS — ${PRODUCT_NAME}`)
  })
})
