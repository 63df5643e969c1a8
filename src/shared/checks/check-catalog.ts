import { PAGE } from '../checklist/doc-pages'

/**
 * The automated checks of the setup, production, monitoring and optimize steps: what each one
 * is, where it shows, why it matters and what it needs. The engine pairs each entry with its run
 * (see `src/main/engine/checks/registry.ts`); the pages and the plan read this list without a
 * server. The optimize step's checks are advice: they pass or warn, never fail.
 */

/** The steps that have checks, as `cht-migrate check --step` names them. */
export const CHECK_STEPS = ['setup', 'production', 'monitor', 'optimize'] as const
export type CheckStep = (typeof CHECK_STEPS)[number]

/**
 * What a check reads. A check whose input is not set is skipped, saying which: `config` the CHT
 * Sync `.env` or `values.yaml` chosen on the Set up step; `couchdb`, `couch2pg`, `chtSync` the
 * project's connections; `watchdog` the CHT Watchdog Prometheus address.
 */
export const CHECK_NEEDS = ['config', 'couchdb', 'couch2pg', 'chtSync', 'watchdog'] as const
export type CheckNeed = (typeof CHECK_NEEDS)[number]

export interface CheckMeta {
  /** Stable id, `<step>.<slug>`; results are stored under it. */
  id: string
  step: CheckStep
  /** The checklist item the check is evidence for (an item of `step`). */
  itemId: string
  title: string
  /** Why it matters, in one or two sentences. */
  why: string
  /** Checks that must pass (or warn) first; otherwise this one is skipped, saying which. */
  prerequisites: readonly string[]
  needs: readonly CheckNeed[]
  /** The run is abandoned after this long and reported as an error. */
  timeoutMs: number
  /** The CHT page its remedy points to by default. */
  docUrl: string
}

const S = 1000
type Entry = Omit<CheckMeta, 'docUrl' | 'timeoutMs' | 'prerequisites'> & {
  docUrl?: string
  timeoutMs?: number
  prerequisites?: readonly string[]
}
const entry = (e: Entry): CheckMeta => ({
  prerequisites: [],
  timeoutMs: 30 * S,
  docUrl: PAGE.envVars.docUrl,
  ...e,
})
const CONFIG = 'setup.config-read'

/** Every check, in the order a step runs them. */
export const CHECKS: readonly CheckMeta[] = [
  entry({
    id: CONFIG,
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'The CHT Sync configuration can be read',
    why: 'Every other configuration check reads this file; a line the parser cannot read is a setting CHT Sync never gets.',
    needs: ['config'],
  }),
  entry({
    id: 'setup.env-required',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'Required settings are present',
    why: 'CHT Sync starts without complaint when a setting is missing and then fails to connect or writes to the wrong place.',
    needs: ['config'],
    prerequisites: [CONFIG],
  }),
  entry({
    id: 'setup.env-renamed',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'No renamed or removed settings',
    why: 'Settings of older CHT Sync releases (Logstash, Redis, PostgREST, DBT_POSTGRES_*) are ignored by the current one: the value you set does nothing.',
    needs: ['config'],
    prerequisites: [CONFIG],
  }),
  entry({
    id: 'setup.env-databases',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'Every database in COUCHDB_DBS exists on CouchDB',
    why: 'A misspelt name (the documented medic_sentinel for medic-sentinel) is synced from nowhere, silently, for ever.',
    needs: ['config', 'couchdb'],
    prerequisites: [CONFIG],
  }),
  entry({
    id: 'setup.env-secure-port',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'COUCHDB_SECURE matches the CouchDB port',
    why: 'A production CHT answers on 443 behind nginx with https; left unset, COUCHDB_SECURE is true in Docker Compose and a plain-http CouchDB is then unreachable.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.env-interval',
    step: 'setup',
    itemId: 'setup.dataemon-interval',
    title: 'DATAEMON_INTERVAL is in seconds',
    why: 'The pause between dbt runs is counted in seconds; older pages said minutes, so a value meant as 5 minutes makes dbt run every 5 seconds.',
    needs: ['config'],
    prerequisites: [CONFIG],
  }),
  entry({
    id: 'setup.env-threads',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'dbt threads are set with DBT_THREAD_COUNT',
    why: 'The tuning page calls it DBT_THREADS, but CHT Sync reads DBT_THREAD_COUNT: the other name leaves dbt on one thread.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.tuning.docUrl,
  }),
  entry({
    id: 'setup.env-pipeline-tag',
    step: 'setup',
    itemId: 'setup.dbt-project',
    title: 'cht-pipeline is pinned to a release of the same major version',
    why: 'A branch such as main changes under you, and cht-pipeline 1 against CHT Sync 2 (or the reverse) fails on the source column.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'setup.schema-collision',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'CHT Sync does not write into couch2pg’s tables',
    why: 'couch2pg already has tables called couchdb and couchdb_progress in public; CHT Sync pointed there skips creating its own and fails on every insert.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.guide.docUrl,
  }),
  entry({
    id: 'setup.docker',
    step: 'setup',
    itemId: 'setup.prerequisites',
    title: 'Docker and docker compose are installed',
    why: 'CHT Sync’s Compose profiles need a current Docker with the compose plugin; the old docker-compose command is not supported.',
    needs: [],
    timeoutMs: 20 * S,
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.couchdb-access',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'CouchDB answers with the configured credentials',
    why: 'CHT Sync reads each database’s changes feed as COUCHDB_USER; a wrong password or a user without access stops the sync at its first request.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.postgres-access',
    step: 'setup',
    itemId: 'setup.env-file',
    title: 'PostgreSQL answers and lets CHT Sync build',
    why: 'CHT Sync creates its schema, tables and indexes at every start and dbt creates the models: the configured user needs to connect and create.',
    needs: ['config'],
    prerequisites: [CONFIG],
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.tables',
    step: 'setup',
    itemId: 'setup.local-sync',
    title: 'The raw and progress tables exist with the expected columns',
    why: 'The columns tell which CHT Sync release wrote them; cht-pipeline 2 fails on a raw table without the source column.',
    needs: ['chtSync'],
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.arriving',
    step: 'setup',
    itemId: 'setup.local-sync',
    title: 'Documents are arriving',
    why: 'A sync that stopped looks like a sync that finished until someone compares: two samples a short while apart tell them apart.',
    needs: ['chtSync', 'couchdb'],
    prerequisites: ['setup.tables'],
    timeoutMs: 90 * S,
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.backlog',
    step: 'setup',
    itemId: 'setup.local-sync',
    title: 'Each database’s backlog is small',
    why: 'CouchDB says how many changes follow each checkpoint; a backlog that stays high means CHT Sync cannot keep up.',
    needs: ['chtSync', 'couchdb'],
    prerequisites: ['setup.tables'],
    timeoutMs: 60 * S,
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'setup.dbt-fresh',
    step: 'setup',
    itemId: 'setup.local-sync',
    title: 'The dbt models exist and keep up with the raw table',
    why: 'dbt_latency, as CHT Watchdog computes it, is how far the models trail the raw table; rows a finished dbt run did not model mean the run failed.',
    needs: ['chtSync'],
    prerequisites: ['setup.tables'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'setup.dbt-results',
    step: 'setup',
    itemId: 'setup.local-sync',
    title: 'The latest dbt run succeeded',
    why: 'A model that fails stays at its last good state and everything downstream with it; dbt_results records each model’s status per run.',
    needs: ['chtSync'],
    prerequisites: ['setup.tables'],
    docUrl: PAGE.testingModels.docUrl,
  }),
  entry({
    id: 'production.sizing',
    step: 'production',
    itemId: 'production.disk-sizing',
    title: 'Disk for both pipelines in parallel',
    why: 'During the parallel run the old and the new database live side by side; the guide sizes the new one by syncing a sample and multiplying, plus growth and index overhead.',
    needs: [],
    timeoutMs: 60 * S,
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'production.memory',
    step: 'production',
    itemId: 'production.server-resources',
    title: 'Memory for both pipelines in parallel',
    why: 'CHT Sync adds its couch2pg service, a dbt process per selector and their PostgreSQL sessions beside couch2pg; a server short of memory swaps or kills them.',
    needs: [],
    docUrl: PAGE.guide.docUrl,
  }),
  entry({
    id: 'production.postgres-settings',
    step: 'production',
    itemId: 'production.server-resources',
    title: 'PostgreSQL settings carry the extra load',
    why: 'dbt opens a session per thread and dashboards one per user; max_connections without headroom refuses them, and a tiny work_mem makes model builds spill to disk.',
    needs: ['chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
  entry({
    id: 'production.fresh',
    step: 'production',
    itemId: 'production.sync-running',
    title: 'Both pipelines are caught up at the same moment',
    why: 'Comparing the old and new data only means something when both copied the same changes; each checkpoint is held against CouchDB at once.',
    needs: ['couchdb', 'couch2pg', 'chtSync'],
    timeoutMs: 60 * S,
    docUrl: PAGE.guide.docUrl,
  }),
  entry({
    id: 'production.tls',
    step: 'production',
    itemId: 'production.couchdb-access',
    title: 'Every connection is encrypted',
    why: 'CHT Sync carries health data and passwords between servers; any hop off this machine without TLS exposes both.',
    needs: [],
    docUrl: PAGE.docker.docUrl,
  }),
  entry({
    id: 'production.passwords',
    step: 'production',
    itemId: 'production.postgres-access',
    title: 'No default passwords',
    why: 'The templates ship postgres/postgres, password and admin: fine on a laptop, an open door in production.',
    needs: ['config'],
    prerequisites: [CONFIG],
  }),
  entry({
    id: 'production.backup',
    step: 'production',
    itemId: 'production.parallel-run',
    title: 'A verified backup of the couch2pg database is recorded',
    why: 'The couch2pg database holds the only copy of the hand-written views and the data the dashboards read today; keep a restorable dump before changing production.',
    needs: [],
    docUrl: PAGE.couch2pgMigration.docUrl,
  }),
  entry({
    id: 'production.dashboard-users',
    step: 'production',
    itemId: 'production.postgres-access',
    title: 'Dashboards read with their own users',
    why: 'A dashboard that logs in as CHT Sync’s user can change or drop what it reads; a read-only role per dashboard tool limits the damage and shows who reads what.',
    needs: ['chtSync'],
    docUrl: PAGE.dashboards.docUrl,
  }),
  entry({
    id: 'monitor.prometheus',
    step: 'monitor',
    itemId: 'monitor.metrics-reachable',
    title: 'CHT Watchdog’s Prometheus answers',
    why: 'Every other monitoring check asks Prometheus what it scraped.',
    needs: ['watchdog'],
    timeoutMs: 20 * S,
    docUrl: PAGE.watchdog.docUrl,
  }),
  entry({
    id: 'monitor.metrics',
    step: 'monitor',
    itemId: 'monitor.metrics-reachable',
    title: 'The CHT Sync metrics are scraped',
    why: 'couch2pg_progress_pending, couch2pg_up and dbt_latency feed the CHT Sync panels; without them Watchdog watches nothing.',
    needs: ['watchdog'],
    prerequisites: ['monitor.prometheus'],
    docUrl: PAGE.watchdogPostgres.docUrl,
  }),
  entry({
    id: 'monitor.target-name',
    step: 'monitor',
    itemId: 'monitor.target-name',
    title: 'The exporter’s target is named like the CHT instance',
    why: 'Watchdog’s dashboards filter on the target label; a target named differently from the CHT instance shows empty panels.',
    needs: ['watchdog'],
    prerequisites: ['monitor.metrics'],
    docUrl: PAGE.watchdogPostgres.docUrl,
  }),
  entry({
    id: 'monitor.collector-schema',
    step: 'monitor',
    itemId: 'monitor.collector-schema',
    title: 'The collector reads your schema and table',
    why: 'The cht-sync collector reads v1.couchdb and v1.couchdb_progress; another schema or table needs the collector edited.',
    needs: ['chtSync'],
    docUrl: PAGE.watchdogPostgres.docUrl,
  }),
  entry({
    id: 'monitor.alerts',
    step: 'monitor',
    itemId: 'monitor.alerts',
    title: 'Alerts exist for sync lag and dbt failures',
    why: 'Watchdog ships no alert on CHT Sync: without one, a stopped sync is found by the people reading stale dashboards.',
    needs: ['watchdog'],
    prerequisites: ['monitor.prometheus'],
    docUrl: PAGE.watchdog.docUrl,
  }),
  entry({
    id: 'monitor.lag',
    step: 'monitor',
    itemId: 'monitor.backlog-panels',
    title: 'Both pipelines’ lag, measured by the wizard',
    why: 'Until Watchdog shows it, the wizard measures each pipeline’s backlog itself from CouchDB and the progress tables.',
    needs: ['couchdb'],
    timeoutMs: 60 * S,
    docUrl: PAGE.watchdog.docUrl,
  }),
  entry({
    id: 'optimize.slow-models',
    step: 'optimize',
    itemId: 'optimize.slow-models',
    title: 'No model is slow or getting slower',
    why: 'dbt runs its models one after another on each thread: one slow model delays every dashboard’s data, and a model that grows with the data gets slower every week.',
    needs: ['chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
  entry({
    id: 'optimize.indexes',
    step: 'optimize',
    itemId: 'optimize.indexes',
    title: 'Large models have a saved_timestamp index',
    why: 'Incremental models and the models built on them look for rows newer than their last run by saved_timestamp; without an index each run reads the whole table.',
    needs: ['chtSync'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'optimize.materialization',
    step: 'optimize',
    itemId: 'optimize.materialization',
    title: 'Dashboards read materialized models',
    why: 'A plain view runs its whole query each time a dashboard opens, and a table rewritten on every run costs the whole table’s work for a few new rows.',
    needs: ['chtSync'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'optimize.seq-scans',
    step: 'optimize',
    itemId: 'optimize.restructure',
    title: 'Large models are not read whole by every query',
    why: 'A large table that queries mostly scan from end to end has no index for what they filter on: each dashboard load reads it all.',
    needs: ['chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
]

const byId = new Map(CHECKS.map((c) => [c.id, c]))

/** A check's entry by id; undefined for an id this build does not know. */
export const findCheck = (id: string): CheckMeta | undefined => byId.get(id)

/** The checks of a step, in run order. */
export const checksOfStep = (step: string): CheckMeta[] => CHECKS.filter((c) => c.step === step)

/** The checks shown with a checklist item, in run order. */
export const checksOfItem = (itemId: string): CheckMeta[] =>
  CHECKS.filter((c) => c.itemId === itemId)
