import { quoteIdent, quoteLiteral } from '../sql/quote'
import { DEPLOYMENT_LABELS, type DeploymentType } from './teardown-settings'

/** The stages of removing couch2pg, in the order they run. */
export const DECOMMISSION_STAGE_IDS = ['stop', 'revoke-rename', 'wait', 'drop'] as const
export type DecommissionStageId = (typeof DECOMMISSION_STAGE_IDS)[number]

/** One stage of the decommission: what runs, where, and how to undo it. */
export interface DecommissionStage {
  id: DecommissionStageId
  title: string
  explanation: string
  /** `command`: shell commands on the host; `sql`: statements; `wait`: nothing runs. */
  kind: 'command' | 'sql' | 'wait'
  /** Shell commands or SQL statements, identifiers quoted; empty for `wait`. */
  statements: string[]
  /** `host`: where couch2pg runs; `postgres`: the `postgres` maintenance database. */
  runsOn: 'host' | 'postgres'
  reversible: boolean
  restore: { explanation: string; statements: string[] }
}

export interface DecommissionInput {
  /** The couch2pg database's name. */
  database: string
  deployment: DeploymentType | null
  graceDays: number
  /** Roles of the dashboards (or other readers) to revoke CONNECT from, besides PUBLIC. */
  dashboardRoles?: string[]
  /** The recorded backup's file, for the drop stage's restore. */
  backupPath?: string | null
}

/** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63
const SUFFIX = '_deprecated'

/**
 * The name the database is renamed to: `<db>_deprecated`, the name cut (on a character
 * boundary) so the whole fits PostgreSQL's 63 bytes, and whether it had to be cut.
 */
export function deprecatedName(database: string): { name: string; truncated: boolean } {
  const budget = MAX_IDENTIFIER_BYTES - SUFFIX.length
  const bytes = (s: string) => new TextEncoder().encode(s).length
  let base = database
  if (bytes(base) <= budget) return { name: `${base}${SUFFIX}`, truncated: false }
  const chars = Array.from(base)
  while (chars.length > 0 && bytes(chars.join('')) > budget) chars.pop()
  base = chars.join('')
  return { name: `${base}${SUFFIX}`, truncated: true }
}

const COMMANDS: Record<DeploymentType, { stop: string[]; start: string[]; note: string }> = {
  compose: {
    stop: ['docker compose stop couch2pg', 'docker compose rm -f couch2pg'],
    start: ['docker compose up -d couch2pg'],
    note: 'Run them in the folder that holds the compose file couch2pg runs from; the service may have another name there (see `docker compose ps`).',
  },
  systemd: {
    stop: ['sudo systemctl stop cht-couch2pg', 'sudo systemctl disable cht-couch2pg'],
    start: ['sudo systemctl enable cht-couch2pg', 'sudo systemctl start cht-couch2pg'],
    note: 'The unit may have another name on this host (see `systemctl list-units | grep couch2pg`).',
  },
  kubernetes: {
    stop: ['kubectl scale deployment cht-couch2pg --replicas=0'],
    start: ['kubectl scale deployment cht-couch2pg --replicas=1'],
    note: 'Add `-n <namespace>` for the namespace couch2pg runs in; the deployment may have another name (see `kubectl get deployments -A`).',
  },
}

function stopStage(deployment: DeploymentType | null): DecommissionStage {
  const types = deployment ? [deployment] : (Object.keys(COMMANDS) as DeploymentType[])
  const pick = (what: 'stop' | 'start') =>
    deployment
      ? COMMANDS[deployment][what]
      : types.flatMap((t) => [`# ${DEPLOYMENT_LABELS[t]}:`, ...COMMANDS[t][what]])
  const notes = types.map((t) => COMMANDS[t].note).join(' ')
  return {
    id: 'stop',
    title: 'Stop couch2pg',
    explanation: deployment
      ? `Stops the couch2pg service (${DEPLOYMENT_LABELS[deployment]}) so nothing writes to its database any more. ${notes}`
      : `Stops the couch2pg service so nothing writes to its database any more. The deployment type is not set, so the commands of each are listed: run those of yours only. ${notes}`,
    kind: 'command',
    statements: pick('stop'),
    runsOn: 'host',
    reversible: true,
    restore: {
      explanation: 'Start couch2pg again; it resumes from its checkpoints.',
      statements: pick('start'),
    },
  }
}

function revokeRenameStage(database: string, roles: readonly string[]): DecommissionStage {
  const q = quoteIdent
  const db = q(database)
  const { name, truncated } = deprecatedName(database)
  const grantees = ['PUBLIC', ...roles.map(q)]
  return {
    id: 'revoke-rename',
    title: 'Revoke access and rename the database',
    explanation:
      `Connected to the postgres maintenance database: nobody may connect to ${db} any more ` +
      `(the wizard also revokes CONNECT from each role granted it by name, read from the server ` +
      `when it runs the stage), ` +
      `its open sessions are ended, and it is renamed to ${q(name)}, so anything still reading ` +
      `it fails loudly while the data stays.` +
      (truncated
        ? ` The name is cut so that it fits PostgreSQL's ${MAX_IDENTIFIER_BYTES} bytes.`
        : ''),
    kind: 'sql',
    statements: [
      ...grantees.map((g) => `REVOKE CONNECT ON DATABASE ${db} FROM ${g};`),
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${quoteLiteral(database)} AND pid <> pg_backend_pid();`,
      `ALTER DATABASE ${db} RENAME TO ${q(name)};`,
    ],
    runsOn: 'postgres',
    reversible: true,
    restore: {
      explanation: 'Rename the database back and let its users connect again.',
      statements: [
        `ALTER DATABASE ${q(name)} RENAME TO ${db};`,
        ...grantees.map((g) => `GRANT CONNECT ON DATABASE ${db} TO ${g};`),
      ],
    },
  }
}

/** A path as one shell word: single-quoted, with its own single quotes escaped. */
const shellWord = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

function dropStage(database: string, backupPath: string | null): DecommissionStage {
  const q = quoteIdent
  const { name } = deprecatedName(database)
  return {
    id: 'drop',
    title: 'Drop the database',
    explanation: `Drops ${q(name)} for good once the grace period passed without anyone missing it. Only the backup can bring it back.`,
    kind: 'sql',
    statements: [`DROP DATABASE ${q(name)};`],
    runsOn: 'postgres',
    reversible: false,
    restore: {
      explanation: backupPath
        ? `Restore from the recorded backup (${backupPath}): create the database, then restore into it.`
        : 'Restore from the recorded backup: no backup path is recorded yet, so put its path where <backup path> is.',
      statements: [
        `createdb ${shellWord(database)}`,
        `pg_restore -d ${shellWord(database)} ${backupPath ? shellWord(backupPath) : '<backup path>'}`,
      ],
    },
  }
}

/**
 * The staged decommission of couch2pg and its database: stop the service, revoke access and
 * rename the database to `_deprecated`, wait the grace period, drop it. Each stage says what
 * runs where and how to undo it; identifiers are quoted (`quoteIdent`). Pure: the
 * plan is shown (and printed by the CLI) before anything runs.
 */
export function decommissionPlan(input: DecommissionInput): DecommissionStage[] {
  const { database, deployment, graceDays } = input
  const { name } = deprecatedName(database)
  return [
    stopStage(deployment),
    revokeRenameStage(database, input.dashboardRoles ?? []),
    {
      id: 'wait',
      title: `Wait ${graceDays} ${graceDays === 1 ? 'day' : 'days'}`,
      explanation: `Nothing runs. If a dashboard or script misses the database in the grace period, it surfaces now, while ${quoteIdent(name)} can still be renamed back.`,
      kind: 'wait',
      statements: [],
      runsOn: 'postgres',
      reversible: true,
      restore: { explanation: 'Nothing to undo.', statements: [] },
    },
    dropStage(database, input.backupPath ?? null),
  ]
}
