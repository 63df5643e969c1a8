import { writeFile } from 'node:fs/promises'
import type { DemoEndpoints } from '../../../shared/demo'
import type { SyncPlan } from './pipelines'
import { DEMO_COUCH_DATABASES } from './pipelines'

/** The file name of the demo's CHT Sync configuration, in its folder. */
export const DEMO_ENV_FILE = 'cht-sync.env'

/** The cht-pipeline release the demo's CHT Sync 2 builds its models from. */
export const DEMO_PIPELINE_TAG = 'v2.0.0'

export interface DemoEnvInput {
  path: string
  endpoints: DemoEndpoints
  couchPassword: string
  chtSyncPassword: string
  plan: SyncPlan
}

/**
 * Writes the demo's CHT Sync `.env`, as an implementer would have filled in `env.template` for
 * it: the CHT Sync database and the CouchDB on this machine, the databases its `COUCHDB_DBS`
 * lists now (the misspelt `medic_sentinel` it was first started with is fixed; its progress row
 * stays, as on a real server), cht-pipeline pinned to a release of CHT Sync's major version, and
 * the tuning page's values. It holds the demo's throwaway passwords, as a real `.env` does, so it
 * is readable by its owner only; it lives in the demo's folder and goes with it.
 */
export async function writeDemoChtSyncEnv(input: DemoEnvInput): Promise<void> {
  const { couchdb, chtSync } = input.endpoints
  const url = new URL(couchdb.url)
  const secure = url.protocol === 'https:'
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port)
  const dbs = DEMO_COUCH_DATABASES.filter((db) => input.plan.chtSync.has(db)).join(',')
  const lines = [
    '# CHT Sync configuration of the cht-migrate demo deployment (from env.template).',
    'COMPOSE_PROJECT_NAME=cht-sync',
    '',
    '# PostgreSQL',
    `POSTGRES_USER=${chtSync.user}`,
    `POSTGRES_PASSWORD=${input.chtSyncPassword}`,
    `POSTGRES_DB=${chtSync.database}`,
    `POSTGRES_SCHEMA=${chtSync.schema}`,
    `POSTGRES_TABLE=${chtSync.table}`,
    `POSTGRES_HOST=${chtSync.host}`,
    `POSTGRES_PORT=${chtSync.port}`,
    '',
    '# dbt',
    `CHT_PIPELINE_BRANCH_URL="https://github.com/medic/cht-pipeline.git#${DEMO_PIPELINE_TAG}"`,
    'DATAEMON_INTERVAL=5',
    'DBT_THREAD_COUNT=3',
    'DBT_BATCH_SIZE=100000',
    '',
    '# CouchDB',
    `COUCHDB_USER=${couchdb.username}`,
    `COUCHDB_PASSWORD=${input.couchPassword}`,
    `COUCHDB_DBS="${dbs}"`,
    `COUCHDB_HOST=${url.hostname}`,
    `COUCHDB_PORT=${port}`,
    `COUCHDB_SECURE=${secure}`,
    '',
  ]
  await writeFile(input.path, lines.join('\n'), { mode: 0o600 })
}
