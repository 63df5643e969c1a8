import { emptyCheckSettings } from '../../src/shared/checks/check-settings'
import { emptyInventorySettings } from '../../src/shared/inventory/decisions'
import { emptyTeardownSettings } from '../../src/shared/teardown/teardown-settings'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CURRENT_SCHEMA_VERSION,
  emptyConnections,
  PROJECT_FORMAT,
  type ProjectDocument,
} from '../../src/shared/project-schema'
import { ALL_ITEMS } from '../../src/shared/steps-catalog'
import { emptyParity } from '../../src/shared/parity-definitions'

/** A fresh folder under the OS temp dir, and the function that removes it. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `cht-migrate-${prefix}-`))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')

export const FIRST_ITEM = ALL_ITEMS[0]!.id
export const SECOND_ITEM = ALL_ITEMS[1]!.id

/** A small, valid project document with one item recorded. */
export function sampleDocument(overrides: Partial<ProjectDocument> = {}): ProjectDocument {
  return {
    format: PROJECT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: '5b0e7c1e-7d0a-4a55-9a3c-2f1d7f9f0a11',
    name: 'Kenya CHT Sync migration',
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-02T09:30:00.000Z',
    appVersion: '0.1.0',
    settings: { staleAfterDays: 7 },
    items: {
      [FIRST_ITEM]: {
        status: 'done',
        note: 'Agreed with the data team on 1 March.',
        evidence: [
          {
            id: 'ev-1',
            kind: 'text',
            text: 'Minutes of the kick-off meeting',
            addedBy: 'amina',
            addedAt: '2025-03-01T10:00:00.000Z',
          },
        ],
        updatedBy: 'amina',
        updatedAt: '2025-03-01T10:00:00.000Z',
      },
    },
    results: {},
    connections: emptyConnections(),
    demo: null,
    parity: emptyParity(),
    checks: emptyCheckSettings(),
    inventory: emptyInventorySettings(),
    teardown: emptyTeardownSettings(),
    signoff: {},
    ...overrides,
  }
}

/**
 * A project of several megabytes: every catalog item with a long note and many evidence entries,
 * close to what a long migration with pasted query output can grow to.
 */
export function largeDocument(approxBytes: number): ProjectDocument {
  const doc = sampleDocument({ items: {} })
  const perItem = Math.ceil(approxBytes / ALL_ITEMS.length)
  const evidenceCount = Math.min(200, Math.max(1, Math.floor(perItem / 4_000)))
  const line = "SELECT count(*) FROM couchdb WHERE doc->>'type' = 'data_record'; -- 1048576 rows\n"
  const text = (n: number, seed: number) =>
    `${seed}: ${line.repeat(Math.ceil(n / line.length))}`.slice(0, n)
  ALL_ITEMS.forEach((item, i) => {
    doc.items[item.id] = {
      status: i % 3 === 0 ? 'done' : 'in_progress',
      note: text(15_000, i),
      evidence: Array.from({ length: evidenceCount }, (_, j) => ({
        id: `ev-${i}-${j}`,
        kind: 'text' as const,
        text: text(3_500, j),
        addedBy: 'amina',
        addedAt: '2025-03-01T10:00:00.000Z',
      })),
      updatedBy: 'amina',
      updatedAt: '2025-03-01T10:00:00.000Z',
    }
  })
  return doc
}
