import { parse } from 'yaml'
import type { ScaffoldFile } from '../../src/main/engine/inventory/scaffold/build-scaffold'
import { PIPELINE_MODEL_NAMES } from '../../src/shared/inventory/cht-pipeline-models'

/**
 * What a dbt project needs to load, checked without dbt: every `.yml` parses, `dbt_project.yml`
 * has a name, version, profile and model paths, `schema.yml` lists exactly the models that have
 * a `.sql` file, every `ref('x')` names a cht-pipeline model or one of the project's, every
 * `source()` is `couchdb`, and the Jinja delimiters of every file are balanced and in order.
 * Returns the problems found (none: an empty list).
 */
export function dbtProjectProblems(files: readonly ScaffoldFile[]): string[] {
  const problems: string[] = []
  const byPath = new Map(files.map((f) => [f.path, f.content]))
  if (byPath.size !== files.length) problems.push('a path is repeated')
  const yamls = new Map<string, unknown>()
  for (const f of files.filter((x) => x.path.endsWith('.yml'))) {
    try {
      yamls.set(f.path, parse(f.content))
    } catch (e) {
      problems.push(`${f.path} does not parse: ${(e as Error).message}`)
    }
  }
  const project = yamls.get('dbt_project.yml') as Record<string, unknown> | undefined
  if (!project) problems.push('no dbt_project.yml')
  else {
    for (const key of ['name', 'version', 'profile', 'model-paths']) {
      if (project[key] === undefined) problems.push(`dbt_project.yml has no ${key}`)
    }
    if (!/^[a-z_][a-z0-9_]*$/.test(String(project.name))) problems.push('bad project name')
  }
  const schema = yamls.get('models/schema.yml') as
    { version?: number; models?: Array<{ name: string }> } | undefined
  if (schema?.version !== 2) problems.push('models/schema.yml is not version 2')
  const listed = (schema?.models ?? []).map((m) => m.name).sort()
  const sqlModels = files
    .filter((f) => /^models\/[^/]+\.sql$/.test(f.path))
    .map((f) => f.path.slice('models/'.length, -'.sql'.length))
    .sort()
  if (JSON.stringify(listed) !== JSON.stringify(sqlModels)) {
    problems.push(
      `schema.yml lists ${listed.join(',')} but the .sql files are ${sqlModels.join(',')}`,
    )
  }
  const known = new Set([...PIPELINE_MODEL_NAMES, ...sqlModels])
  for (const f of files) {
    for (const m of f.content.matchAll(/\bref\(\s*['"]([^'"]*)['"]\s*\)/g)) {
      if (!known.has(m[1]!)) problems.push(`${f.path}: ref('${m[1]}') names no model`)
    }
    for (const m of f.content.matchAll(/\bsource\(\s*['"]([^'"]*)['"]/g)) {
      if (m[1] !== 'couchdb') problems.push(`${f.path}: source('${m[1]}')`)
    }
    problems.push(...jinjaProblems(f.path, f.content))
  }
  return problems
}

/** Jinja delimiters in order: each `{{`, `{%`, `{#` closed by its own end before the next opens. */
function jinjaProblems(path: string, text: string): string[] {
  const ends: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' }
  let open: string | null = null
  for (const m of text.matchAll(/\{\{|\{%|\{#|\}\}|%\}|#\}/g)) {
    const token = m[0]
    if (token in ends) {
      if (open !== null) return [`${path}: ${token} inside ${open} at ${m.index}`]
      open = token
    } else if (open === null || ends[open] !== token) {
      return [`${path}: ${token} without its start at ${m.index}`]
    } else open = null
  }
  return open === null ? [] : [`${path}: ${open} never closed`]
}
