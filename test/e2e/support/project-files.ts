import { emptyCheckSettings } from '../../../src/shared/checks/check-settings'
import { emptyInventorySettings } from '../../../src/shared/inventory/decisions'
import { emptyTeardownSettings } from '../../../src/shared/teardown/teardown-settings'
import { randomUUID } from 'node:crypto'
import { emptyParity } from '../../../src/shared/parity-definitions'
import {
  CURRENT_SCHEMA_VERSION,
  PROJECT_FORMAT,
  projectDocumentSchema,
  type StoredResult,
  type ProjectDocument,
} from '../../../src/shared/project-schema'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A schema-valid project document written the way a hand-made or CLI-made file would be; parsed
 * with the real schema, so a test can never rely on a file the wizard would refuse.
 */
export function projectDocument(overrides: Partial<ProjectDocument> = {}): ProjectDocument {
  const at = new Date().toISOString()
  return projectDocumentSchema.parse({
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: randomUUID(),
    name: 'Hand-written project',
    createdAt: at,
    updatedAt: at,
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
    ...overrides,
  })
}

/** A stored result of an automated check that ran `daysAgo` days ago. */
export function checkResult(itemId: string, checkId: string, daysAgo: number): StoredResult {
  return {
    id: checkId,
    itemId,
    title: 'Document counts per database',
    verdict: 'warn',
    summary: 'medic: 120 431 rows on both sides; medic-sentinel: 12 fewer rows in CHT Sync.',
    ranAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
    durationMs: 1_200,
    endpoints: [{ endpoint: 'chtSync', target: 'postgres://analytics.example.org:5432/cht_sync' }],
    partial: null,
    details: {
      kind: 'check',
      checkId,
      evidence: [
        { type: 'measure', label: 'medic rows', value: 120_431, unit: 'rows', limit: null },
        {
          type: 'measure',
          label: 'medic-sentinel difference',
          value: -12,
          unit: 'rows',
          limit: null,
        },
      ],
      remedy: null,
      skippedBecause: null,
    },
    history: [],
  }
}

export const toFileText = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n'
