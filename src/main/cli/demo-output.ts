import { PASSWORD_ENV_VARS } from '../../shared/connections'
import type { DemoDeployment } from '../engine/demo/start-demo'
import type { DemoStarted } from '../../shared/contract'
import type { DemoVariant } from '../../shared/demo'

/** What `cht-migrate demo --json` prints: the endpoints with their throwaway passwords. */
export interface DemoJson {
  couchdb: { url: string; username: string; password: string; databases: string[] }
  couch2pg: { host: string; port: number; database: string; user: string; password: string }
  chtSync: {
    host: string
    port: number
    database: string
    user: string
    password: string
    schema: string
    table: string
  }
  projectPath: string
  manifestPath: string
  dir: string
  /** This process: send it SIGINT or SIGTERM to stop the demo. */
  pid: number
  /** The PostgreSQL server's process (it is gone once the demo has stopped). */
  postgresPid: number | null
  discrepancies: number
  /** Which shape of deployment this is (as the manifest states it). */
  variant: DemoVariant
}

export function demoJson(demo: DemoDeployment): DemoJson {
  const { couchdb, couch2pg, chtSync } = demo.endpoints
  return {
    couchdb: { ...couchdb, password: demo.passwords.couchdb },
    couch2pg: { ...couch2pg, password: demo.passwords.couch2pg },
    chtSync: { ...chtSync, password: demo.passwords.chtSync },
    projectPath: demo.projectPath,
    manifestPath: demo.manifestPath,
    dir: demo.dir,
    pid: process.pid,
    postgresPid: demo.postgresPid,
    discrepancies: demo.manifest.discrepancies.length,
    variant: demo.manifest.variant,
  }
}

/** The same for people: one endpoint per line, then where the project and manifest are. */
export function describeDemo(demo: DemoDeployment, started: DemoStarted): string[] {
  const { couchdb, couch2pg, chtSync } = demo.endpoints
  const { manifest } = demo
  const { variant, pipelines } = manifest
  const differences =
    variant.discrepancies === 'none'
      ? 'no injected differences: both pipelines caught up'
      : `${manifest.discrepancies.length} injected differences`
  const synced = pipelines
    ? [
        `couch2pg ${variant.couch2pgRelease} copies ${pipelines.couch2pg.databases.join(', ')}; CHT Sync copies ${pipelines.chtSync.databases.join(', ')}.`,
      ]
    : []
  const pgUrl = (e: { host: string; port: number; database: string; user: string }) =>
    `postgres://${e.user}@${e.host}:${e.port}/${e.database}`
  return [
    `Demo deployment ready: ${manifest.documents.total.toLocaleString('en-US')} documents (${manifest.size}, seed ${manifest.seed}).`,
    '',
    `CouchDB    ${couchdb.url}  user ${couchdb.username}  password ${demo.passwords.couchdb}`,
    `           databases ${couchdb.databases.join(', ')}`,
    `couch2pg   ${pgUrl(couch2pg)}  password ${demo.passwords.couch2pg}`,
    `CHT Sync   ${pgUrl(chtSync)}  password ${demo.passwords.chtSync}  raw table ${chtSync.schema}.${chtSync.table}`,
    '',
    `Project    ${started.project.path ?? demo.projectPath}`,
    `Manifest   ${demo.manifestPath} (${differences})`,
    ...synced,
    '',
    'The passwords are throwaway ones for this demo. To open the project in the wizard from another terminal:',
    `  ${PASSWORD_ENV_VARS.couchdb}=${demo.passwords.couchdb} ${PASSWORD_ENV_VARS.couch2pg}=${demo.passwords.couch2pg} ${PASSWORD_ENV_VARS.chtSync}=${demo.passwords.chtSync} npx cht-migrate serve --project ${demo.projectPath}`,
    'or start everything in one go with: npx cht-migrate serve --demo',
  ]
}
