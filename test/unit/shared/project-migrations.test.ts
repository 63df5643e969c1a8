import { describe, expect, it } from 'vitest'
import {
  MIGRATIONS,
  migrateToCurrent,
  type ProjectMigration,
} from '../../../src/shared/project-migrations'
import { emptyCheckSettings } from '../../../src/shared/checks/check-settings'
import { emptyTeardownSettings } from '../../../src/shared/teardown/teardown-settings'
import { CURRENT_SCHEMA_VERSION } from '../../../src/shared/project-schema'
import { AppError } from '../../../src/shared/result'

// A made-up history used only here: 1 → 2 renames `title` to `name`, 2 → 3 adds `tags`.
const chain: Record<number, ProjectMigration> = {
  1: ({ title, ...rest }) => ({ ...rest, name: title, log: ['1→2'] }),
  2: (doc) => ({ ...doc, tags: [], log: [...(doc.log as string[]), '2→3'] }),
}

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return (e as AppError).code
  }
  throw new Error('expected a failure')
}

describe('migrateToCurrent', () => {
  it('brings a schema 1 file to schema 9: no connections yet, not a demo project, no results, no parity, checks, decisions, teardown or sign-off set up', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(9)
    expect(Object.keys(MIGRATIONS)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    const doc = { schemaVersion: 1, name: 'x', results: {} }
    expect(migrateToCurrent(doc)).toEqual({
      schemaVersion: 9,
      name: 'x',
      results: {},
      connections: { couchdb: null, couch2pg: null, chtSync: null },
      demo: null,
      parity: { metrics: [], models: [], greenDaysRequired: 14 },
      checks: emptyCheckSettings(),
      inventory: { decisions: {} },
      teardown: emptyTeardownSettings(),
      signoff: {},
    })
    expect(doc).toEqual({ schemaVersion: 1, name: 'x', results: {} })
    const current = { schemaVersion: 9, name: 'y' }
    expect(migrateToCurrent(current)).toBe(current)
  })

  it('7 → 8 adds no teardown override, no stage runs and no EXPLAIN queries, keeping the rest', () => {
    const teardown = { ...emptyTeardownSettings(), graceDays: 9 } as Record<string, unknown>
    delete teardown.override
    delete teardown.executions
    const checks = { ...emptyCheckSettings(), envPath: '/srv/.env' } as Record<string, unknown>
    delete checks.explainQueries
    const out = migrateToCurrent({ schemaVersion: 7, name: 'z', teardown, checks })
    expect(out.teardown).toEqual({ ...teardown, override: null, executions: [] })
    expect(out.checks).toEqual({ ...checks, explainQueries: [] })
    expect(migrateToCurrent({ schemaVersion: 7, name: 'z' })).toEqual({
      schemaVersion: 9,
      name: 'z',
      signoff: {},
    })
  })

  it('8 → 9 adds the sign-off of the steps, none recorded, keeping the rest', () => {
    expect(migrateToCurrent({ schemaVersion: 8, name: 'z', items: {} })).toEqual({
      schemaVersion: 9,
      name: 'z',
      items: {},
      signoff: {},
    })
  })

  it('5 → 6 drops placeholder inventory results and keeps every other result', () => {
    const check = { id: 'c', details: { kind: 'check' } }
    const out = migrateToCurrent({
      schemaVersion: 5,
      results: {
        c: check,
        'plan.inventory': { id: 'plan.inventory', details: { kind: 'inventory', objects: [] } },
      },
    })
    expect(out.results).toEqual({ c: check })
    expect(out.inventory).toEqual({ decisions: {} })
  })

  it('applies every step in order and stamps each new version', () => {
    const out = migrateToCurrent({ schemaVersion: 1, title: 'Kenya' }, chain, 3)
    expect(out).toEqual({ schemaVersion: 3, name: 'Kenya', tags: [], log: ['1→2', '2→3'] })
  })

  it('starts from the version the document has', () => {
    const out = migrateToCurrent({ schemaVersion: 2, name: 'Kenya', log: [] }, chain, 3)
    expect(out).toEqual({ schemaVersion: 3, name: 'Kenya', tags: [], log: ['2→3'] })
  })

  it('sets schemaVersion even when a step forgets to', () => {
    const forgetful = { 1: (doc: Record<string, unknown>) => ({ ...doc, schemaVersion: 1 }) }
    expect(migrateToCurrent({ schemaVersion: 1 }, forgetful, 2).schemaVersion).toBe(2)
  })

  it('leaves the caller’s object alone even when a step mutates its argument', () => {
    const mutating = {
      1: (doc: Record<string, unknown>) => {
        ;(doc.items as string[]).push('added')
        return doc
      },
    }
    const input = { schemaVersion: 1, items: ['a'] }
    migrateToCurrent(input, mutating, 2)
    expect(input).toEqual({ schemaVersion: 1, items: ['a'] })
  })

  it('fails clearly on a gap in the chain', () => {
    const gap = { 1: chain[1]! }
    expect(codeOf(() => migrateToCurrent({ schemaVersion: 1, title: 'x' }, gap, 3))).toBe(
      'INTERNAL',
    )
    expect(() => migrateToCurrent({ schemaVersion: 1, title: 'x' }, gap, 3)).toThrow(
      /from schema 2 to 3: the migration step is missing/,
    )
  })

  it.each([0, -1, 1.5, '1', null, undefined])('refuses schemaVersion %s', (version) => {
    expect(codeOf(() => migrateToCurrent({ schemaVersion: version }, chain, 3))).toBe(
      'PROJECT_INVALID',
    )
  })

  it('refuses a version above the target', () => {
    expect(codeOf(() => migrateToCurrent({ schemaVersion: 4 }, chain, 3))).toBe(
      'PROJECT_NEWER_VERSION',
    )
  })

  it('turns a failing step into PROJECT_INVALID naming the step', () => {
    const broken = {
      1: () => {
        throw new Error('items is not an object')
      },
    }
    expect(() => migrateToCurrent({ schemaVersion: 1 }, broken, 2)).toThrow(
      /from schema 1 to 2: items is not an object/,
    )
  })
})
