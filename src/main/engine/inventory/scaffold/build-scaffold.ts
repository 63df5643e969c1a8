import { PIPELINE_RELEASE_TAG } from '../../../../shared/inventory/cht-pipeline-models'
import { objectLabel } from '../../../../shared/inventory/object-key'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { mapObjects } from '../mapping/map-objects'
import { topologicalOrder } from '../mapping/migration-order'
import { indexByKey } from '../mapping/object-graph'
import { assignModelNames, defaultModelName, type RebuildEntry } from './model-names'
import { planModel, type ModelPlan } from './model-plan'
import { renderModelSql, type RawTable } from './model-sql'
import { dbtProjectFile, dbtProjectName, packagesFile, schemaFile } from './project-files'
import { readmeFile, type InventorySource } from './readme'

/** One file of a scaffold: a relative POSIX path and its text. */
export interface ScaffoldFile {
  path: string
  content: string
}

/** What a dbt scaffold is built from. */
export interface ScaffoldInput {
  /** The objects decided "rebuild", each with its decision (`models[0]`: the model's name). */
  rebuild: readonly RebuildEntry[]
  /** The whole inventory: dependencies, row counts upstream, unique indexes. */
  objects: readonly InventoryObject[]
  /** The wizard project's name, made into the dbt project's. */
  projectName: string
  /** CHT Sync's raw table (`POSTGRES_SCHEMA`.`POSTGRES_TABLE`), named in comments. */
  rawTable: RawTable
  /** The cht-pipeline tag `packages.yml` pins (default `PIPELINE_RELEASE_TAG`). */
  pipelineTag?: string
  inventory: InventorySource
}

/**
 * The plans of the models a scaffold holds, upstream first (so a model over another rebuilt
 * object `ref()`s it and knows its columns). Mappings are worked out afresh from `objects`.
 */
export function planScaffold(input: Pick<ScaffoldInput, 'rebuild' | 'objects'>): ModelPlan[] {
  const byKey = indexByKey(input.objects)
  for (const { object } of input.rebuild) if (!byKey.has(object.key)) byKey.set(object.key, object)
  const all = [...byKey.values()]
  const names = assignModelNames(input.rebuild)
  const ctx = {
    byKey,
    objects: all,
    mappings: mapObjects(all),
    names,
    plans: new Map<string, ModelPlan>(),
  }
  const rebuilt = [...names.keys()].map((k) => byKey.get(k)!)
  for (const key of topologicalOrder(rebuilt)) ctx.plans.set(key, planModel(byKey.get(key)!, ctx))
  return [...ctx.plans.values()]
}

/**
 * A dbt project for the objects decided "rebuild", as files (pure: nothing is written):
 * `dbt_project.yml`, `packages.yml` pinning cht-pipeline, `models/<model>.sql` per object,
 * `models/schema.yml` and a `README.md` saying what was generated and what to review. Every
 * `ref()` names a cht-pipeline model or one of the scaffold's; `source()` only `couchdb`.
 */
export function buildDbtScaffold(input: ScaffoldInput): ScaffoldFile[] {
  const plans = planScaffold(input)
  const project = dbtProjectName(input.projectName)
  const tag = input.pipelineTag ?? PIPELINE_RELEASE_TAG
  const renamed = input.rebuild.flatMap(({ object, decision }) => {
    const name = plans.find((p) => p.object.key === object.key)?.name
    const wanted = decision.models[0] ?? defaultModelName(object.name)
    return name !== undefined && name !== wanted
      ? [{ label: objectLabel(object), wanted, name }]
      : []
  })
  const sorted = [...plans].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return [
    { path: 'dbt_project.yml', content: dbtProjectFile(project) },
    { path: 'packages.yml', content: packagesFile(tag) },
    {
      path: 'README.md',
      content: readmeFile({
        project,
        tag,
        raw: input.rawTable,
        inventory: input.inventory,
        plans: sorted,
        renamed,
      }),
    },
    { path: 'models/schema.yml', content: schemaFile(sorted) },
    ...sorted.map((p) => ({
      path: `models/${p.name}.sql`,
      content: renderModelSql(p, input.rawTable),
    })),
  ]
}
