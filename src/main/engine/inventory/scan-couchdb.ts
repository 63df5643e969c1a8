import { describeTarget } from '../../../shared/connection-targets'
import { INVENTORY_ITEM_ID, INVENTORY_RESULT_IDS } from '../../../shared/inventory/sources'
import { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { CouchdbInventoryDetails } from '../../../shared/results/couchdb-inventory-result'
import type { NewResult } from '../../../shared/results/result-schema'
import { passwordFor, projectSecrets } from '../connections/credentials'
import type { Engine } from '../engine'
import type { JobContext } from '../jobs/job-registry'
import { openInventorySource, scanCouchInventory } from './couchdb/couch-inventory'

const count = (n: number) => n.toLocaleString('en-US')

/** One paragraph of what the CouchDB inventory found. */
export function couchdbSummary(details: CouchdbInventoryDetails): string {
  const read = details.databases.filter((d) => d.docCount !== null)
  const failed = details.databases.filter((d) => d.error !== null)
  const medic = details.medic
  return clipText(
    [
      details.chtVersion ? `CHT ${details.chtVersion}.` : 'The CHT version could not be read.',
      `${read.length} database${read.length === 1 ? '' : 's'}: ${read.map((d) => `${d.name} ${count(d.docCount ?? 0)} documents`).join(', ')}.`,
      failed.length ? `Not read: ${failed.map((d) => `${d.name} (${d.error})`).join(', ')}.` : '',
      medic
        ? `medic: ${count(medic.scanned)} documents scanned, ${medic.types.length} types, ${medic.forms.length} forms, ${medic.contactTypes.length} contact types.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    TEXT_LIMITS.paragraph,
  )
}

/**
 * The CouchDB inventory of the project's CouchDB connection, read-only, with progress; a cancel
 * during the `medic` scan still gives a result, labelled partial with what was counted, and
 * `cancelled` so the job ends as cancelled once it is recorded.
 */
export async function scanCouchdbSource(
  engine: Engine,
  job: JobContext,
): Promise<{ result: NewResult; cancelled: boolean }> {
  const profile = engine.project.state?.document.connections.couchdb
  if (!profile) throw new AppError('BAD_REQUEST', 'Set the CouchDB connection first.')
  const ranAt = new Date().toISOString()
  const started = performance.now()
  const password = await passwordFor('couchdb', profile, { secrets: projectSecrets(engine) })
  const source = openInventorySource(profile, password, job.signal)
  const { details, partial } = await scanCouchInventory(source, {
    signal: job.signal,
    onProgress: (done, total, label) =>
      job.progress({
        phase: 'reading',
        unit: label === 'medic' ? 'documents' : null,
        done,
        total,
        message: label === 'medic' ? 'Counting medic’s documents' : 'Reading the databases',
      }),
  })
  const target = clipText(describeTarget('couchdb', profile), TEXT_LIMITS.line)
  const failed = details.databases.some((d) => d.error !== null)
  return {
    cancelled: partial?.reason === 'cancelled',
    result: {
      id: INVENTORY_RESULT_IDS.couchdb,
      itemId: INVENTORY_ITEM_ID,
      title: 'Inventory of CouchDB',
      verdict: partial?.reason === 'failed' ? 'error' : partial || failed ? 'warn' : 'pass',
      summary: couchdbSummary(details),
      ranAt,
      durationMs: Math.round(performance.now() - started),
      endpoints: [{ endpoint: 'couchdb', target }],
      partial: partial && {
        reason: partial.reason,
        note: clipText(partial.note, TEXT_LIMITS.line),
      },
      details,
    },
  }
}
