import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncRelations } from './cht-sync-relations'
import { latestInvocation, OK_STATUSES, resultsUsable, type LatestInvocation } from './dbt-measures'
import { DBT_STALE_SECONDS, duration, isoOf, listOf, plural, shownName } from './pipeline-common'

/**
 * `setup.dbt-results`: the statuses of the latest dbt invocation in `dbt_results` (the one with
 * the latest `start_time`). dbt's statuses: models `success`, `error`, `skipped` (after an
 * upstream error); tests `pass`, `fail`, `warn` (a test configured as a warning), `error`.
 */

function evidence(run: LatestInvocation): EvidenceItem[] {
  return [
    { type: 'fact', label: 'Latest invocation', value: run.id },
    { type: 'fact', label: 'Started', value: isoOf(run.startedAt) ?? '(unknown)' },
    {
      type: 'table',
      caption: `Its ${plural(run.total, 'result')}, failures first`,
      columns: ['name', 'type', 'status', 'started'],
      rows: run.rows.map((r) => [r.name, r.type, r.status, isoOf(r.startedAt)]),
    },
  ]
}

const DBT_LOG =
  'Read the dbt container’s log (docker compose logs for the dbt service, or kubectl logs on the cht-sync-dbt pod)'

/** Decides from the latest invocation. */
export function judgeResults(run: LatestInvocation): CheckOutcome {
  const shown = evidence(run)
  const failed = run.rows.filter((r) => !OK_STATUSES.includes(r.status) && r.status !== 'warn')
  const warned = run.rows.filter((r) => r.status === 'warn')
  const age = run.startedAt === null ? null : run.serverNow - run.startedAt
  const when = age === null ? '' : ` (started ${duration(age)} ago)`
  const stale = age !== null && age > DBT_STALE_SECONDS
  if (failed.length > 0) {
    const more = run.notOk - failed.length - warned.length
    return {
      verdict: 'fail',
      summary: `The latest dbt run${when} did not succeed: ${listOf(
        failed.map((r) => `${r.name} (${r.status})`),
        8,
      )}${more > 0 ? ` and ${more} more` : ''}. A model that fails stays at its last good state, and everything built on it too.${stale ? ' dbt has not run since.' : ''}`,
      evidence: shown,
      remedy: {
        text: `${DBT_LOG} for each model’s error and fix the model or its input; a model skipped after an upstream error runs again once that one succeeds.`,
      },
    }
  }
  if (stale) {
    return {
      verdict: 'warn',
      summary: `The latest dbt run started ${duration(age)} ago: dbt is not running (it runs every DATAEMON_INTERVAL seconds).`,
      evidence: shown,
      remedy: {
        text: `Start the dbt container and ${DBT_LOG.charAt(0).toLowerCase()}${DBT_LOG.slice(1)}.`,
      },
    }
  }
  if (warned.length > 0) {
    return {
      verdict: 'warn',
      summary: `The latest dbt run${when} succeeded, but ${listOf(warned.map((r) => r.name))} warned (tests configured as warnings).`,
      evidence: shown,
      remedy: { text: `${DBT_LOG} for what the tests found.` },
    }
  }
  return {
    verdict: 'pass',
    summary: `The latest dbt run${when} succeeded: ${plural(run.total, 'model or test', 'models and tests')} ended in success or pass.`,
    evidence: shown,
  }
}

/** Reads the latest invocation (shared with setup.dbt-fresh) and decides. */
export async function runDbtResults(ctx: CheckContext): Promise<CheckOutcome> {
  const rel = await chtSyncRelations(ctx)
  const name = shownName(rel.schema, 'dbt_results')
  if (!rel.results) {
    return {
      verdict: 'warn',
      summary: `There is no ${name}: the cht-pipeline release in use does not record its runs, or dbt has not run yet, so failed models go unnoticed.`,
      remedy: {
        text: 'Use a current cht-pipeline release (its on-run-end hook fills dbt_results).',
      },
    }
  }
  if (!resultsUsable(rel)) {
    return {
      verdict: 'warn',
      summary: `${name} cannot be read as cht-pipeline’s run log (it needs SELECT and the columns invocation_id, status and start_time; it has ${rel.results.columns.join(', ')}).`,
      remedy: {
        text: 'Use a current cht-pipeline release, and let the wizard’s user read the table.',
      },
    }
  }
  const run = await latestInvocation(ctx)
  if (!run) {
    return {
      verdict: 'warn',
      summary: `${name} records no dbt run yet.`,
      remedy: {
        text: `Start the dbt container and ${DBT_LOG.charAt(0).toLowerCase()}${DBT_LOG.slice(1)}.`,
      },
    }
  }
  return judgeResults(run)
}

/** `setup.dbt-results`. */
export const SETUP_DBT_RESULTS = defineCheck('setup.dbt-results', runDbtResults)
