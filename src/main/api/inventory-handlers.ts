import { AppError } from '../../shared/result'
import { exportDbtScaffolds } from '../engine/inventory/export-dbt'
import { inventoryJobKey, inventorySources, runInventory } from '../engine/inventory/inventory-job'
import type { Engine } from '../engine/engine'
import { dialogPath } from './dialog-path'
import type { DomainHandlers } from './handler-types'

// Folders the native dialog gave, so the retry after "the folder is not empty" may name one.
const chosenFolders = new WeakMap<Engine, Set<string>>()

/**
 * `inventory.*`: the Plan step's inventory of the couch2pg database and of CouchDB (a job; each
 * result recorded as it ends; one run per project at a time), and the export of dbt scaffolds
 * for the objects decided "rebuild". In Electron the folder comes from the native dialog and a
 * typed one is refused (SEC-10); browser mode and the CLI take the typed folder.
 */
export const inventoryHandlers: DomainHandlers<'inventory'> = {
  'inventory.run': async ({ sources }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    // Refuse a run that cannot start before it becomes a job.
    const chosen = inventorySources(ctx, sources)
    const jobId = ctx.jobs.start({
      kind: 'inventory.run',
      title:
        chosen.length === 2
          ? 'Inventory of couch2pg and CouchDB'
          : chosen[0] === 'couch2pg'
            ? 'Inventory of the couch2pg database'
            : 'Inventory of CouchDB',
      exclusiveKey: inventoryJobKey(document.id),
      run: (job) => runInventory(ctx, { sources: chosen }, job),
    })
    return { jobId }
  },
  'inventory.exportDbt': async ({ dir, overwrite }, ctx) => {
    const document = ctx.project.state?.document
    if (!document) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    const remembered = chosenFolders.get(ctx) ?? new Set<string>()
    chosenFolders.set(ctx, remembered)
    const target = await dialogPath(ctx, {
      typed: dir,
      purpose: 'export',
      choose: (dialogs) => dialogs.chooseFolder('Choose a folder for the dbt scaffolds'),
      what: 'the folder',
      missing: 'Give the folder to write the dbt scaffolds into.',
      remembered,
    })
    if (target === null) return { dir: null, files: [], comparisons: 0 }
    return exportDbtScaffolds(ctx, target, { overwrite: overwrite === true })
  },
}
