import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { call } from '../../../src/main/api/dispatch'
import { ExitCode } from '../../../src/main/cli/exit-codes'
import { main } from '../../../src/main/cli/index'
import { PIPELINE_MODEL_NAMES } from '../../../src/shared/inventory/cht-pipeline-models'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { dbtProjectProblems } from '../../support/dbt-project-check'
import { demoTestContext, type TestContext } from '../../support/handler-context'
import { memoryIo } from '../../support/memory-io'

/**
 * The Plan step's inventory on the demo through the API and the CLI: both inventories stored,
 * decisions kept across a new scan, dbt scaffolds exported (a folder that is not empty refused
 * until confirmed) with their parity comparisons, and `cht-migrate inventory` on the saved file.
 */
let t: TestContext
let stop: () => Promise<void>

async function runInventory(): Promise<StoredResult[]> {
  const started = await call('inventory.run', {}, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const finished = await t.ctx.jobs.wait(started.value.jobId)
  if (!finished.ok) throw new Error(finished.error.message)
  return (finished.value as { results: StoredResult[] }).results
}

/** Every file an export wrote (the paths it returned), read back from `dir`. */
const readExport = (dir: string, files: readonly string[]) =>
  files.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') }))

const keyOf = (name: string) => {
  const r = t.ctx.project.state!.document.results['inventory.couch2pg']!
  if (r.details.kind !== 'inventory') throw new Error('no inventory')
  return r.details.objects.find((o) => o.name === name)!.key
}

beforeAll(async () => {
  ;({ t, stop } = await demoTestContext({ size: 'small', docs: 2000 }))
}, 240_000)

afterAll(async () => {
  vi.unstubAllEnvs()
  await stop()
})

describe('inventory on the demo', () => {
  it('stores the couch2pg and the CouchDB inventories', async () => {
    const results = await runInventory()
    expect(results.map((r) => r.id)).toEqual(['inventory.couch2pg', 'inventory.couchdb'])
    const couch = results[1]!
    if (couch.details.kind !== 'couchdb-inventory') throw new Error('kind')
    expect(couch.partial).toBeNull()
    expect(couch.details.databases.map((d) => d.name)).toContain('medic')
    const types = couch.details.medic!.types.map((v) => v.value)
    expect(types).toEqual(expect.arrayContaining(['data_record', '_design']))
    expect(couch.details.medic!.forms.map((v) => v.value)).toContain('pregnancy')
    expect(couch.details.medic!.scanned).toBe(couch.details.medic!.total)
  })

  it('keeps decisions, single and bulk, across a new scan', async () => {
    const pregnancy = keyOf('formview_pregnancy')
    const leftovers = [
      'useview_pregnancy_visits_old',
      'tmp_anc_export',
      'backup_form_metadata_2022',
    ].map(keyOf)
    const update = await call(
      'project.update',
      {
        intents: [
          {
            type: 'inventory.decide',
            keys: [pregnancy],
            decision: {
              action: 'rebuild',
              owner: 'Amina',
              note: 'ANC dashboard',
              due: '2027-01-31',
            },
          },
          { type: 'inventory.decide', keys: leftovers, decision: { action: 'retire' } },
        ],
      },
      t.ctx,
    )
    expect(update.ok, JSON.stringify(update)).toBe(true)
    await runInventory()
    const decisions = t.ctx.project.state!.document.inventory.decisions
    expect(decisions[pregnancy]).toMatchObject({
      action: 'rebuild',
      owner: 'Amina',
      due: '2027-01-31',
    })
    expect(leftovers.map((k) => decisions[k]?.action)).toEqual(['retire', 'retire', 'retire'])
  })

  it('exports dbt scaffolds, asking before a folder that is not empty, and prepares parity', async () => {
    const dir = join(t.dir, 'dbt')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const refused = await call('inventory.exportDbt', { dir }, t.ctx)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('CONFLICT')
    expect(readdirSync(dir)).toEqual(['notes.txt'])
    const exported = await call('inventory.exportDbt', { dir, overwrite: true }, t.ctx)
    if (!exported.ok) throw new Error(exported.error.message)
    expect(exported.value.files).toEqual(
      expect.arrayContaining(['dbt_project.yml', 'packages.yml', 'models/formview_pregnancy.sql']),
    )
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
    const packages = parse(readFileSync(join(dir, 'packages.yml'), 'utf8')) as {
      packages: { git: string; revision: string }[]
    }
    expect(packages.packages[0]).toMatchObject({ revision: 'v2.0.0' })
    const sql = readFileSync(join(dir, 'models/formview_pregnancy.sql'), 'utf8')
    for (const [, name] of sql.matchAll(/ref\('([^']+)'\)/g))
      expect(PIPELINE_MODEL_NAMES).toContain(name)
    expect(dbtProjectProblems(readExport(dir, exported.value.files))).toEqual([])
    expect(exported.value.comparisons).toBe(1)
    const models = t.ctx.project.state!.document.parity.models
    expect(models.find((m) => m.id === 'inventory.formview_pregnancy')).toMatchObject({
      old: { kind: 'relation', name: 'formview_pregnancy' },
      new: { kind: 'relation', name: 'formview_pregnancy' },
    })
  })

  it('exports a scaffold of every custom view, materialized view and function that checks as a dbt project', async () => {
    const stored = t.ctx.project.state!.document.results['inventory.couch2pg']!
    if (stored.details.kind !== 'inventory') throw new Error('no inventory')
    const before = t.ctx.project.state!.document
    const keys = stored.details.objects
      .filter(
        (o) => o.origin.origin === 'custom' && before.inventory.decisions[o.key] === undefined,
      )
      .filter((o) => ['view', 'materialized_view', 'function'].includes(o.kind))
      .map((o) => o.key)
    expect(keys.length).toBeGreaterThan(20)
    const modelIds = new Set(before.parity.models.map((m) => m.id))
    const decide = await call(
      'project.update',
      { intents: [{ type: 'inventory.decide', keys, decision: { action: 'rebuild' } }] },
      t.ctx,
    )
    expect(decide.ok, JSON.stringify(decide)).toBe(true)
    const dir = join(t.dir, 'dbt-all')
    const exported = await call('inventory.exportDbt', { dir }, t.ctx)
    if (!exported.ok) throw new Error(exported.error.message)
    const files = readExport(dir, exported.value.files)
    expect(files.filter((f) => f.path.endsWith('.sql')).length).toBe(keys.length + 1)
    expect(dbtProjectProblems(files)).toEqual([])
    // Put the project back as the earlier tests left it, for the CLI tests below.
    const added = t.ctx.project.state!.document.parity.models.filter((m) => !modelIds.has(m.id))
    const restore = await call(
      'project.update',
      {
        intents: [
          { type: 'inventory.clearDecision', keys },
          ...added.map((m) => ({ type: 'parity.removeModel' as const, id: m.id })),
        ],
      },
      t.ctx,
    )
    expect(restore.ok, JSON.stringify(restore)).toBe(true)
  })
})

describe('cht-migrate inventory', () => {
  let projectPath: string
  beforeAll(async () => {
    const saved = await call('project.save', {}, t.ctx)
    if (!saved.ok) throw new Error(saved.error.message)
    const demo = t.ctx.demo.current!
    projectPath = t.ctx.project.state!.path!
    const closed = await call('project.close', {}, t.ctx)
    if (!closed.ok) throw new Error(closed.error.message)
    vi.stubEnv('CHT_MIGRATE_CONFIG_DIR', join(t.dir, 'cli-config'))
    vi.stubEnv('CHT_MIGRATE_COUCHDB_PASSWORD', demo.passwords.couchdb)
    vi.stubEnv('CHT_MIGRATE_COUCH2PG_PASSWORD', demo.passwords.couch2pg)
    vi.stubEnv('CHT_MIGRATE_CHTSYNC_PASSWORD', demo.passwords.chtSync)
  })

  it('refreshes the inventory into the file, keeping the decisions', async () => {
    const io = memoryIo()
    const code = await main(
      ['inventory', '--project', projectPath, '--source', 'couch2pg', '--json'],
      io.io,
    )
    expect(code, io.stderr()).toBe(ExitCode.Ok)
    const { results } = JSON.parse(io.stdout()) as { results: StoredResult[] }
    expect(results.map((r) => r.id)).toEqual(['inventory.couch2pg'])
    const file = JSON.parse(readFileSync(projectPath, 'utf8')) as {
      inventory: { decisions: Record<string, { action: string }> }
      results: Record<string, StoredResult>
    }
    expect(
      Object.values(file.inventory.decisions)
        .map((d) => d.action)
        .sort(),
    ).toEqual(['rebuild', 'retire', 'retire', 'retire'])
    expect(file.results['inventory.couch2pg']!.history.length).toBeGreaterThanOrEqual(2)
  })

  it('exports scaffolds: refuses a folder that is not empty (exit 2) unless --force', async () => {
    const dir = join(t.dir, 'dbt-cli')
    mkdirSync(dir)
    writeFileSync(join(dir, 'keep.md'), 'x')
    const refused = memoryIo()
    const args = ['inventory', '--project', projectPath, '--export-dbt', dir]
    expect(await main(args, refused.io)).toBe(ExitCode.BadInput)
    expect(refused.stderr()).toMatch(/is not empty/)
    const forced = memoryIo()
    expect(await main([...args, '--force'], forced.io), forced.stderr()).toBe(ExitCode.Ok)
    expect(forced.stdout()).toMatch(/Wrote \d+ files/)
    expect(readdirSync(join(dir, 'models'))).toContain('formview_pregnancy.sql')
  })
})
