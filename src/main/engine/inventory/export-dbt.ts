import type { Intent } from '../../../shared/intents'
import { INVENTORY_RESULT_IDS } from '../../../shared/inventory/sources'
import { AppError } from '../../../shared/result'
import type { Engine } from '../engine'
import {
  assignModelNames,
  buildDbtScaffold,
  parityComparisonFor,
  writeDbtScaffold,
  type RebuildEntry,
} from './scaffold'

/** Where CHT Sync writes when the project names no CHT Sync connection (its defaults). */
const DEFAULT_RAW = { schema: 'v1', table: 'couchdb' }

/**
 * Writes the dbt scaffolds of the objects decided "rebuild" (from the latest couch2pg inventory)
 * into `dir`, then adds a prepared parity comparison per rebuilt object that has a key (old
 * object vs new model in the CHT Sync schema) to the project, replacing an earlier one of the
 * same id. `CONFLICT` for a folder that is not empty unless `overwrite`.
 */
export async function exportDbtScaffolds(
  engine: Engine,
  dir: string,
  options: { overwrite: boolean },
): Promise<{ dir: string; files: string[]; comparisons: number }> {
  const state = engine.project.state
  if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
  const document = state.document
  const stored = document.results[INVENTORY_RESULT_IDS.couch2pg]
  if (!stored || stored.details.kind !== 'inventory') {
    throw new AppError(
      'BAD_REQUEST',
      'Run the inventory of the couch2pg database first: the scaffolds are written from it.',
    )
  }
  const objects = stored.details.objects
  const byKey = new Map(objects.map((o) => [o.key, o]))
  const rebuild: RebuildEntry[] = []
  for (const [key, decision] of Object.entries(document.inventory.decisions)) {
    const object = byKey.get(key)
    if (object && decision.action === 'rebuild') rebuild.push({ object, decision })
  }
  if (rebuild.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'No object of the latest inventory is decided “Rebuild as a new dbt model” yet: decide some on the Plan step first.',
    )
  }
  rebuild.sort((a, b) => a.object.key.localeCompare(b.object.key))
  const sync = document.connections.chtSync
  const rawTable = sync ? { schema: sync.schema, table: sync.table } : DEFAULT_RAW
  const files = buildDbtScaffold({
    rebuild,
    objects,
    projectName: document.name,
    rawTable,
    inventory: { database: stored.details.server.database, scannedAt: stored.ranAt },
  })
  const { written } = await writeDbtScaffold(dir, files, {
    overwrite: options.overwrite,
    projectPath: state.path,
  })
  const names = assignModelNames(rebuild)
  const intents: Intent[] = []
  for (const { object } of rebuild) {
    const name = names.get(object.key)
    const model = name
      ? parityComparisonFor(object, name, { schema: rawTable.schema }, objects)
      : null
    if (model) intents.push({ type: 'parity.setModel', model })
  }
  if (intents.length > 0) await engine.project.update(intents, engine.prefs.get().userName)
  return { dir, files: written, comparisons: intents.length }
}
