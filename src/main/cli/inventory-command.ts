import { resolve } from 'node:path'
import { DECISION_LABELS } from '../../shared/inventory/decisions'
import type { StoredResult } from '../../shared/results/result-schema'
import { call } from '../api/dispatch'
import { UsageError, type CommandArgs, type FaceCommand } from './command'
import { ExitCode } from './exit-codes'
import type { CliIo } from './io'
import { runProjectJob } from './project-job'
import { createCliContext } from './run-operation'

const SOURCES = ['couch2pg', 'couchdb'] as const

/** A line per inventory: what it found, and the objects to review by hand. */
function describeResults(results: StoredResult[], io: CliIo): void {
  for (const r of results) {
    io.stdout(`${r.title}${r.partial ? ` (partial: ${r.partial.note})` : ''}: ${r.summary}`)
    if (r.details.kind !== 'inventory') continue
    for (const o of r.details.objects) {
      const review = o.analysis?.parseError ?? o.analysis?.manualReview
      if (review) io.stdout(`  review ${o.schema}.${o.name}: ${review}`)
    }
    if (r.details.order.length > 0) {
      io.stdout(`  Suggested migration order: ${r.details.order.length} objects, starting with:`)
      for (const key of r.details.order.slice(0, 10)) io.stdout(`    ${key}`)
    }
  }
}

function sourcesOf(value: string | boolean | undefined) {
  if (value === undefined) return undefined
  if (value === 'couch2pg' || value === 'couchdb') return [value]
  throw new UsageError(
    `Invalid --source “${String(value).slice(0, 40)}”: give ${SOURCES.join(' or ')}.`,
  )
}

async function exportDbt(project: string, dir: string, force: boolean, json: boolean, io: CliIo) {
  const ctx = await createCliContext()
  try {
    const opened = await call('project.open', { path: resolve(project) }, ctx)
    if (!opened.ok) {
      io.stderr(`cht-migrate: ${opened.error.message}`)
      return ExitCode.Error
    }
    const exported = await call('inventory.exportDbt', { dir: resolve(dir), overwrite: force }, ctx)
    if (!exported.ok) {
      if (json) io.stdout(JSON.stringify(exported))
      io.stderr(`cht-migrate: ${exported.error.message}`)
      return exported.error.code === 'CONFLICT' || exported.error.code === 'BAD_REQUEST'
        ? ExitCode.BadInput
        : ExitCode.Error
    }
    const saved = await call('project.save', {}, ctx)
    if (!saved.ok) {
      io.stderr(`cht-migrate: ${saved.error.message}`)
      return ExitCode.Error
    }
    if (json) io.stdout(JSON.stringify(exported.value))
    else {
      const { files, comparisons } = exported.value
      io.stdout(`Wrote ${files.length} files to ${exported.value.dir}:`)
      for (const f of files) io.stdout(`  ${f}`)
      io.stdout(
        `${comparisons} parity comparison${comparisons === 1 ? '' : 's'} prepared in the project (“${DECISION_LABELS.rebuild}” objects).`,
      )
    }
    return ExitCode.Ok
  } finally {
    await ctx.dispose()
  }
}

/**
 * `cht-migrate inventory --project FILE`: inventories the couch2pg database and CouchDB
 * (read-only), records the results in the project file and saves it; decisions are kept.
 * `--export-dbt DIR` instead writes dbt scaffolds for the objects decided "rebuild" (a folder
 * that is not empty is refused unless `--force`) and prepares their parity comparisons.
 */
export const inventoryCommand: FaceCommand = {
  kind: 'face',
  name: 'inventory',
  summary: 'Inventory the couch2pg database and CouchDB, or export dbt scaffolds',
  usage:
    'inventory --project FILE [--source couch2pg|couchdb] [--json] | --export-dbt DIR [--force]',
  description:
    'Lists every object of the couch2pg database (tables, views, materialized views, functions, ' +
    'indexes, triggers, sequences, extensions) with what it reads, who installed it, its usage ' +
    'and how it maps onto cht-pipeline, and the CouchDB databases with their document types and ' +
    'forms, read-only; records the results in the project file and saves it. With --export-dbt ' +
    'DIR it writes dbt model scaffolds for the objects decided “rebuild” instead (--force writes ' +
    'into a folder that is not empty). Exit codes: 0 done, 4 not a couch2pg database, 1 error, 2 bad input.',
  options: {
    project: { type: 'string', valueName: 'FILE', description: 'The migration project file' },
    source: { type: 'string', valueName: 'SOURCE', description: 'Only couch2pg or couchdb' },
    'export-dbt': { type: 'string', valueName: 'DIR', description: 'Write dbt scaffolds here' },
    force: { type: 'boolean', description: 'With --export-dbt: write into a folder not empty' },
  },
  async run(args: CommandArgs, io: CliIo): Promise<ExitCode> {
    const { project } = args.values
    if (typeof project !== 'string' || project === '') {
      throw new UsageError('Give the project file with --project FILE.')
    }
    const target = args.values['export-dbt']
    if (target !== undefined) {
      if (typeof target !== 'string' || target === '') {
        throw new UsageError('Give the folder with --export-dbt DIR.')
      }
      return exportDbt(project, target, args.values.force === true, args.json, io)
    }
    const sources = sourcesOf(args.values.source)
    return runProjectJob(
      {
        project,
        json: args.json,
        start: (ctx) => call('inventory.run', sources ? { sources } : {}, ctx),
        describe: describeResults,
      },
      io,
    )
  },
}
