import type { CommandBlock } from './command-types'
import type { ComposeProfile } from './env-file'

/**
 * The `docker compose` commands that start CHT Sync v2 and show that it runs, as its Docker page
 * gives them (reference 2.2, 2.10, 5.2): profiles `local` and `production`, services `couch2pg`,
 * `dbt-local` / `dbt-production`, `postgres`, `pgadmin`, `bastion`; project `cht-sync`.
 */

/** The dbt service of each profile. */
export const DBT_SERVICE: Record<ComposeProfile, string> = {
  local: 'dbt-local',
  production: 'dbt-production',
}

/** The containers each profile starts, as `docker compose ps` names them. */
export const EXPECTED_CONTAINERS: Record<ComposeProfile, string[]> = {
  local: [
    'cht-sync-couch2pg-1',
    'cht-sync-dbt-local-1',
    'cht-sync-pgadmin-1',
    'cht-sync-postgres-1',
  ],
  production: ['cht-sync-couch2pg-1', 'cht-sync-dbt-production-1', 'cht-sync-bastion-1'],
}

const WHERE = 'Run in your clone of cht-sync, where the .env is.'

/** `docker compose --profile <p> up -d`. */
export function composeUpBlock(profile: ComposeProfile): CommandBlock {
  return {
    id: `compose-up-${profile}`,
    title: `Start the ${profile} profile`,
    language: 'shell',
    purpose: `Starts CHT Sync in the background; the first start downloads the images. ${WHERE}`,
    text: `docker compose --profile ${profile} up -d`,
    missing: [],
  }
}

/** `ps` with the containers to expect, and the logs of the sync and dbt services. */
export function composeCheckBlock(profile: ComposeProfile): CommandBlock {
  return {
    id: `compose-check-${profile}`,
    title: `Check the ${profile} profile`,
    language: 'shell',
    purpose: `Lists the containers with their status (expect ${EXPECTED_CONTAINERS[profile].length}, all “Up”), then the latest log lines of couch2pg and dbt. ${WHERE}`,
    text: [
      `# Expect: ${EXPECTED_CONTAINERS[profile].join(', ')}`,
      `docker compose --profile ${profile} ps --format '{{.Names}}\\t{{.Status}}'`,
      '# couch2pg says “There are N changes to process”; dbt prints PASS and ERROR counts.',
      `docker compose --profile ${profile} logs --tail 100 couch2pg ${DBT_SERVICE[profile]}`,
    ].join('\n'),
    missing: [],
  }
}

/** The logs of the first days, followed live, with errors picked out. */
export function composeLogsBlock(profile: ComposeProfile): CommandBlock {
  const services = `couch2pg ${DBT_SERVICE[profile]}`
  return {
    id: `compose-logs-${profile}`,
    title: 'Read the logs',
    language: 'shell',
    purpose: `Follows the couch2pg and dbt logs live (Ctrl+C stops), then lists the error lines of the last day. ${WHERE}`,
    text: [
      `docker compose --profile ${profile} logs --follow --since 1h ${services}`,
      `docker compose --profile ${profile} logs --since 24h ${services} | grep -iE 'error|fail|refused|denied'`,
    ].join('\n'),
    missing: [],
  }
}
