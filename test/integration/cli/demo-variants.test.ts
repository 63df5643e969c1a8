import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoJson } from '../../../src/main/cli/demo-output'
import { CONNECTION_CHECK_IDS } from '../../../src/shared/connection-targets'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import type {
  ChtSyncFacts,
  Couch2pgFacts,
  CouchdbFacts,
} from '../../../src/shared/results/connection-result'
import { syncCoverage } from '../../../src/shared/results/sync-coverage'
import { demoTestFolder, spawnCli, type SpawnedCli } from '../../support/built-cli'

/**
 * `cht-migrate demo` with its variants, as users run it: each starts, and the connection tests
 * the demo start runs (recorded in its project) report the deployment as it is.
 */
let base: string

beforeAll(async () => {
  ;({ base } = await demoTestFolder('cht-cli-demo-variants-'))
})
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true })
})

async function until(check: () => boolean, what: string, spawned: SpawnedCli, ms = 60_000) {
  const end = Date.now() + ms
  while (!check()) {
    if (spawned.child.exitCode !== null || Date.now() > end) {
      throw new Error(`${what} did not happen; stderr: ${spawned.stderr()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

interface Recorded {
  info: DemoJson
  results: Record<string, StoredResult>
}

/** Starts the built CLI's demo, waits for its project to hold three connection results. */
async function runDemo(args: string[], check: (recorded: Recorded) => void): Promise<void> {
  const demo = spawnCli(['demo', '--docs', '1500', '--json', ...args], {
    TMPDIR: join(base, 'tmp'),
  })
  try {
    await until(() => demo.stdout().includes('\n'), 'the JSON line', demo)
    const info = JSON.parse(demo.stdout().split('\n')[0]!) as DemoJson
    let results: Record<string, StoredResult> = {}
    await until(
      () => {
        const document = JSON.parse(readFileSync(info.projectPath, 'utf8')) as {
          results: Record<string, StoredResult>
        }
        results = document.results
        return Object.values(CONNECTION_CHECK_IDS).every((id) => id in results)
      },
      'the recorded connection results',
      demo,
      15_000,
    )
    check({ info, results })
    demo.child.kill('SIGINT')
    expect(await demo.exit).toBe(0)
    expect(existsSync(info.dir)).toBe(false)
  } finally {
    if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
  }
}

const facts = <T>(
  results: Record<string, StoredResult>,
  endpoint: keyof typeof CONNECTION_CHECK_IDS,
) => {
  const details = results[CONNECTION_CHECK_IDS[endpoint]]!.details
  if (details.kind !== 'connection') throw new Error('not a connection result')
  return details.facts as T
}

describe('cht-migrate demo variants (built)', () => {
  it('--discrepancies none --sync-users: all three connections pass, couch2pg 3.7 from its migrations', async () => {
    await runDemo(['--discrepancies', 'none', '--sync-users'], ({ info, results }) => {
      expect(info.variant).toEqual({
        discrepancies: 'none',
        couch2pgRelease: '3.7',
        syncUsers: true,
      })
      expect(info.discrepancies).toBe(0)
      for (const id of Object.values(CONNECTION_CHECK_IDS)) {
        expect(results[id]!.verdict, `${id}: ${results[id]!.summary}`).toBe('pass')
      }
      const couch2pg = facts<Couch2pgFacts>(results, 'couch2pg')
      expect(couch2pg.release).toBe('3.7')
      expect(couch2pg.releaseFrom).toBe('migrations')
      const chtSync = facts<ChtSyncFacts>(results, 'chtSync')
      expect(chtSync.dbtLastRun?.failed).toBe(0)
      const couchdb = facts<CouchdbFacts>(results, 'couchdb')
      const coverage = syncCoverage(couchdb, couch2pg, chtSync)
      const row = (db: string) => coverage.rows.find((r) => r.database === db)!
      expect(row('_users').couch2pg.state).toBe('copies')
      expect(row('_users').chtSync.state).toBe('not_copied')
      expect(row('medic-logs').chtSync.state).toBe('copies')
      expect(coverage.rows.flatMap((r) => r.gaps).filter((g) => g.matters)).toEqual([])
    })
  }, 120_000)

  it('--couch2pg-release 3.5: the release read from its tables, medic-logs beyond it, the stale CHT Sync row a warning', async () => {
    await runDemo(['--couch2pg-release', '3.5'], ({ info, results }) => {
      expect(info.variant.couch2pgRelease).toBe('3.5')
      const couch2pg = facts<Couch2pgFacts>(results, 'couch2pg')
      expect(couch2pg.releaseFrom).toBe('tables')
      expect(couch2pg.release).toBe('3.2 – 3.5')
      expect(couch2pg.migrations).toEqual([])
      expect(couch2pg.tables.map((t) => t.name)).toEqual([
        'couchdb',
        'couchdb_progress',
        'couchdb_users_meta',
      ])
      for (const table of couch2pg.tables) expect(table.exact, table.name).toBe(true)
      const couchdb = facts<CouchdbFacts>(results, 'couchdb')
      const chtSync = facts<ChtSyncFacts>(results, 'chtSync')
      expect(chtSync.rawSplit?.deleted).toBeGreaterThan(0)
      const coverage = syncCoverage(couchdb, couch2pg, chtSync)
      const logs = coverage.rows.find((r) => r.database === 'medic-logs')!
      expect(logs.couch2pg.state).toBe('not_copied')
      expect(logs.chtSync.state).toBe('copies')
      const typo = coverage.rows.find((r) => r.database === 'medic_sentinel')!
      expect(typo.gaps.some((g) => g.matters && /medic-sentinel/.test(g.text))).toBe(true)
      const sync = results[CONNECTION_CHECK_IDS.chtSync]!
      expect(sync.verdict).toBe('warn')
      expect(sync.summary).toMatch(/dbt run/)
      expect(sync.summary).toMatch(/medic_sentinel/)
    })
  }, 120_000)
})
