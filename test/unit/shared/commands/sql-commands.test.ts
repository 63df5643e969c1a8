import { loadModule, parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { readRefusalOfTree } from '../../../../src/main/engine/db/read-statement-rules'
import { COMMANDS_OF_ITEM, commandsOfItem } from '../../../../src/shared/commands/registry'
import { connectedSource, emptySource, SECRETS } from './command-fixtures'

/**
 * The SQL blocks: each statement is one read statement by the engine's own gate (PostgreSQL's
 * parser, then the rules every query of the wizard passes), and names the tables the parity
 * engine and the checks read.
 */

beforeAll(async () => {
  await loadModule()
})

/** Every SQL block of every item, for a project. */
function sqlBlocks(source = connectedSource()) {
  return Object.keys(COMMANDS_OF_ITEM).flatMap((itemId) =>
    commandsOfItem(itemId, source)
      .filter((b) => b.language === 'sql')
      .map((b) => ({ itemId, ...b })),
  )
}

const blockText = (itemId: string, id: string, source = connectedSource()): string => {
  const block = commandsOfItem(itemId, source).find((b) => b.id === id)
  if (!block) throw new Error(`no block ${id} in ${itemId}`)
  return block.text
}

describe('the SQL to copy', () => {
  it('holds only read statements, each accepted by the wizard’s read-only gate', () => {
    for (const source of [connectedSource(), emptySource()]) {
      const blocks = sqlBlocks(source)
      expect(blocks.length).toBeGreaterThan(10)
      for (const block of blocks) {
        const stmts = parseSync(block.text).stmts ?? []
        expect(stmts.length, block.id).toBeGreaterThan(0)
        for (const stmt of stmts) {
          expect(readRefusalOfTree([stmt]), `${block.itemId} ${block.id}`).toBeNull()
        }
      }
    }
  })

  it('names the CHT Sync schema and table of the connection, quoted', () => {
    const text = blockText('parity.counts', 'counts-cht-sync')
    expect(text).toContain('FROM "analytics"."raw docs"')
    expect(text).toContain('_deleted IS NOT TRUE')
    const progress = blockText('production.sync-running', 'sync-progress-sql')
    expect(progress).toContain('"analytics"."couchdb_progress"')
    const dbt = blockText('production.sync-running', 'dbt-freshness-sql')
    expect(dbt).toContain('"analytics"."document_metadata"')
    expect(dbt).toContain('"analytics"."dbt_results"')
  })

  it('counts couch2pg’s tables in the schema its test found, by the same rules as parity', () => {
    const text = blockText('parity.counts', 'counts-couch2pg')
    expect(text).toContain('FROM "public"."couchdb"')
    expect(text).toContain('FROM "public"."couchdb_users_meta"')
    const byType = blockText('parity.breakdown', 'by-type-cht-sync')
    expect(byType).toContain("split_part(source, '/', 2) IN ('medic', 'medic-sentinel')")
    const models = blockText('parity.breakdown', 'models-cht-sync')
    expect(models).toContain('"analytics"."data_record"')
    expect(models).toContain('"analytics"."contact"')
    expect(blockText('parity.breakdown', 'models-couch2pg')).toContain('"public"."form_metadata"')
  })

  it('falls back to CHT Sync’s defaults and says so without a connection', () => {
    const block = commandsOfItem('parity.counts', emptySource()).find(
      (b) => b.id === 'counts-cht-sync',
    )!
    expect(block.text).toContain('"v1"."couchdb"')
    expect(block.missing.join(' ')).toMatch(/No CHT Sync connection/)
    const old = commandsOfItem('parity.counts', emptySource()).find(
      (b) => b.id === 'counts-couch2pg',
    )!
    expect(old.text).toContain('FROM "couchdb"')
    expect(old.missing.join(' ')).toMatch(/No couch2pg connection/)
  })

  it('leaves out the source column for a raw table older than CHT Sync 2', () => {
    const source = connectedSource()
    const result = source.results['connection.chtSync']!
    if (result.details.kind !== 'connection' || result.details.facts?.endpoint !== 'chtSync') {
      throw new Error('fixture')
    }
    result.details.facts.era = 'v1'
    const code = (text: string) =>
      text
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n')
    for (const [item, id] of [
      ['parity.counts', 'counts-cht-sync'],
      ['parity.breakdown', 'by-type-cht-sync'],
      ['parity.deletes', 'deleted-stubs'],
    ] as const) {
      expect(code(blockText(item, id, source)), id).not.toMatch(/\bsource\b/)
    }
  })

  it('compares ids in one query only when both pipelines share a database', () => {
    const apart = commandsOfItem('parity.missing-ids', connectedSource()).map((b) => b.id)
    expect(apart).toEqual(['missing-ids-shell'])
    const source = connectedSource()
    const c = source.connections.chtSync!
    source.connections.couch2pg = { ...c }
    const together = commandsOfItem('parity.missing-ids', source).map((b) => b.id)
    expect(together).toEqual(['missing-ids-sql', 'missing-ids-shell'])
  })

  it('writes no password anywhere', () => {
    const all = Object.keys(COMMANDS_OF_ITEM)
      .flatMap((id) => commandsOfItem(id, connectedSource()))
      .map((b) => `${b.text}\n${b.purpose}`)
      .join('\n')
    for (const secret of SECRETS) expect(all).not.toContain(secret)
  })
})
