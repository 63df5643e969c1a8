import type { EvidenceItem } from '../../../../shared/results/check-result'
import { hasColumns } from '../../db/catalog'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import {
  BASE_MODELS,
  chtSyncRelations,
  readable,
  type ChtSyncRelations,
} from './cht-sync-relations'
import { dbtFreshness, type DbtFreshness, OK_STATUSES } from './dbt-measures'
import { capped, duration, isoOf, listOf, MODEL_WAIT_SECONDS, shownName } from './pipeline-common'

/**
 * `setup.dbt-fresh`: the base models exist, and `document_metadata` keeps up with the raw table.
 * Rows saved before the latest dbt run started but still not modelled mean a run that should have
 * taken them did not; rows newer than that run simply wait for the next one.
 */

const DBT_LOG =
  'Read the dbt container’s log (docker compose logs for the dbt service, or kubectl logs on the cht-sync-dbt pod)'

function evidence(rel: ChtSyncRelations, f: DbtFreshness | null): EvidenceItem[] {
  const present = new Set(rel.models.map((m) => m.name))
  const items: EvidenceItem[] = [
    {
      type: 'table',
      caption: `cht-pipeline’s base models in schema ${rel.schema}`,
      columns: ['model', 'present'],
      rows: BASE_MODELS.map((m) => [m, present.has(m)]),
    },
  ]
  if (!f) return items
  items.push(
    {
      type: 'measure',
      label: 'dbt_latency (as CHT Watchdog computes it)',
      value: f.latencySeconds,
      unit: 's',
      limit: null,
    },
    { type: 'fact', label: 'Newest raw row saved', value: isoOf(f.rawNewest) ?? '(none)' },
    {
      type: 'fact',
      label: 'Newest row in document_metadata',
      value: isoOf(f.modelNewest) ?? '(none)',
    },
    {
      type: 'measure',
      label: 'Raw rows not modelled yet',
      value: f.waiting,
      unit: 'rows',
      limit: null,
    },
    {
      type: 'fact',
      label: 'Latest dbt run started',
      value: isoOf(f.latest?.startedAt ?? null) ?? '(none recorded)',
    },
    {
      type: 'measure',
      label: 'Rows saved before that run and not modelled',
      value: f.beforeRun,
      unit: 'rows',
      limit: { op: '==', value: 0 },
    },
  )
  return items
}

/** Decides from the measurements (shared with monitor.lag). */
export function judgeFreshness(rel: ChtSyncRelations, f: DbtFreshness | null): CheckOutcome {
  const shown = evidence(rel, f)
  const metaName = shownName(rel.schema, 'document_metadata')
  if (!rel.metadata) {
    return {
      verdict: 'fail',
      summary: `There is no ${metaName}: dbt never ran against this schema, so there are no models.`,
      evidence: shown,
      remedy: {
        text: `${DBT_LOG}, and check CHT_PIPELINE_BRANCH_URL and POSTGRES_SCHEMA; dbt builds document_metadata first.`,
      },
    }
  }
  if (!f) {
    const reason = !readable(rel.metadata)
      ? `the wizard’s user may not read ${metaName}`
      : !hasColumns(rel.raw, 'saved_timestamp')
        ? 'the raw table has no saved_timestamp column'
        : `${metaName} has no saved_timestamp column`
    return {
      verdict: 'fail',
      summary: `The models cannot be held against the raw table: ${reason}.`,
      evidence: shown,
      remedy: { text: 'Upgrade CHT Sync and cht-pipeline to their current releases.' },
    }
  }
  const latency = f.latencySeconds === null ? '' : ` (dbt_latency ${duration(f.latencySeconds)})`
  if (f.waiting === 0) {
    return {
      verdict: 'pass',
      summary: `${metaName} holds every live raw row${latency}.${f.latencySeconds ? ' The latency comes from deleted documents, which document_metadata never keeps.' : ''}`,
      evidence: shown,
    }
  }
  const latest = f.latest
  const waitingText = `${capped(f.waiting)} raw ${f.waiting === 1 ? 'row is' : 'rows are'} not modelled yet${latency}`
  if (f.beforeRun > 0 && latest) {
    const started =
      latest.startedAt === null ? '' : ` (started ${duration(f.serverNow - latest.startedAt)} ago)`
    const failed = latest.rows.filter((r) => !OK_STATUSES.includes(r.status))
    const meta = latest.metadata
    const batching =
      meta !== null && OK_STATUSES.includes(meta.status) && (meta.rowsAffected ?? 1) > 0
    const skipped = meta !== null && (!OK_STATUSES.includes(meta.status) || meta.rowsAffected === 0)
    const before = `${capped(f.beforeRun)} of them ${f.beforeRun === 1 ? 'was' : 'were'} saved before the latest dbt run${started}`
    if (latest.notOk > 0 || skipped) {
      const which =
        failed.length > 0
          ? `: it ended in ${listOf(failed.map((r) => `${r.status} on ${r.name}`))}`
          : meta
            ? `: its document_metadata step ${meta.status === 'success' ? 'took no row' : `ended in ${meta.status}`}`
            : ''
      return {
        verdict: 'fail',
        summary: `${waitingText}; ${before}, so that run did not take them${which}.`,
        evidence: shown,
        remedy: {
          text: `${DBT_LOG} for the failing model and fix it; the next successful run models the waiting rows. “The latest dbt run succeeded” lists the run’s statuses.`,
        },
      }
    }
    if (meta === null || batching) {
      return {
        verdict: 'warn',
        summary: `${waitingText}; ${before}, and it succeeded: ${batching ? 'dbt is catching up in batches (DBT_BATCH_SIZE)' : 'its selector leaves document_metadata out, so another dbt container must model them'}.`,
        evidence: shown,
        remedy: {
          text: `Run this check again in a few minutes: the number should fall. If it does not, ${DBT_LOG.charAt(0).toLowerCase()}${DBT_LOG.slice(1)}.`,
        },
      }
    }
  }
  const waited = f.oldestWaiting === null ? null : f.serverNow - f.oldestWaiting
  if (waited !== null && waited > MODEL_WAIT_SECONDS) {
    return {
      verdict: 'warn',
      summary: `${waitingText}; the oldest has waited ${duration(waited)}${latest ? '' : ' and dbt_results records no run'}.`,
      evidence: shown,
      remedy: {
        text: `${DBT_LOG}: dbt runs every DATAEMON_INTERVAL seconds and should take new rows within minutes.`,
      },
    }
  }
  return {
    verdict: 'pass',
    summary: latest
      ? `${waitingText}, all saved after the latest dbt run started: the next run takes them.`
      : `${waitingText}${waited === null ? '' : `; the oldest has waited ${duration(waited)}`}: dbt takes new rows on its next run.`,
    evidence: shown,
  }
}

/** Reads the measurements (shared) and decides. */
export async function runDbtFresh(ctx: CheckContext): Promise<CheckOutcome> {
  const rel = await chtSyncRelations(ctx)
  return judgeFreshness(rel, rel.metadata ? await dbtFreshness(ctx) : null)
}

/** `setup.dbt-fresh`. */
export const SETUP_DBT_FRESH = defineCheck('setup.dbt-fresh', runDbtFresh)
