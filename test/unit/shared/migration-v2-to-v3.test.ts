import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrateToCurrent } from '../../../src/shared/project-migrations'
import { CURRENT_SCHEMA_VERSION, projectDocumentSchema } from '../../../src/shared/project-schema'
import { readProjectFile } from '../../../src/main/engine/project/project-file'

const FIXTURE = join(__dirname, '../../fixtures/projects/schema-2-with-connections.chtmig.json')

describe('schema 2 → 3', () => {
  it('turns the stored connection results into typed ones, keeping what they said', () => {
    const doc = migrateToCurrent(
      JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>,
    )
    const parsed = projectDocumentSchema.parse(doc)
    expect(parsed.schemaVersion).toBe(CURRENT_SCHEMA_VERSION)
    const couch = parsed.results['connection.couchdb']!
    expect(couch).toMatchObject({
      id: 'connection.couchdb',
      itemId: 'plan.connections',
      verdict: 'pass',
      ranAt: '2026-10-02T09:00:00.000Z',
      durationMs: 412,
      endpoints: [{ endpoint: 'couchdb', target: 'https://kenya.example.org' }],
      partial: null,
      history: [],
      details: {
        kind: 'connection',
        endpoint: 'couchdb',
        ok: true,
        serverLabel: 'CouchDB 3.3.3',
        facts: null,
        error: null,
        legacyFacts: [
          { label: 'Server', value: 'CouchDB 3.3.3' },
          {
            label: 'CHT databases',
            value: 'medic (20,431 documents), medic-sentinel (5,120 documents)',
          },
          { label: 'CHT version', value: '4.12.0' },
        ],
      },
    })
    expect(parsed.results['connection.couch2pg']).toMatchObject({
      verdict: 'fail',
      details: {
        ok: false,
        error: {
          kind: 'auth',
          message: 'db.example.org:5432 refused the user name or password.',
          hint: 'Check the user name, then type the password again.',
          looksLike: null,
        },
      },
    })
    // Everything else is as it was.
    expect(parsed.items['plan.scope']?.note).toBe('Agreed with the data team.')
    expect(parsed.connections.couch2pg?.ssl).toBe('require')
  })

  it('opens a schema-2 file from disk without changing it', async () => {
    const before = readFileSync(FIXTURE, 'utf8')
    const doc = await readProjectFile(FIXTURE)
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION)
    expect(Object.keys(doc.results)).toEqual(['connection.couchdb', 'connection.couch2pg'])
    expect(readFileSync(FIXTURE, 'utf8')).toBe(before)
  })

  it('keeps a result of another kind as a check with its measurements as evidence', () => {
    const doc = migrateToCurrent({
      schemaVersion: 2,
      results: {
        'setup.env': {
          checkId: 'setup.env',
          itemId: 'setup.env',
          title: 'The .env',
          ranAt: '2026-10-02T09:00:00.000Z',
          endpoint: null,
          verdict: 'info',
          summary: 'Read.',
          measurements: { variables: 12, file: '.env', broken: null },
        },
      },
    })
    const result = (doc.results as Record<string, Record<string, unknown>>)['setup.env']
    expect(result).toMatchObject({
      verdict: 'pass',
      endpoints: [],
      details: {
        kind: 'check',
        checkId: 'setup.env',
        evidence: [
          { type: 'fact', label: 'variables', value: '12' },
          { type: 'fact', label: 'file', value: '.env' },
          { type: 'fact', label: 'broken', value: '—' },
        ],
      },
    })
  })
})
