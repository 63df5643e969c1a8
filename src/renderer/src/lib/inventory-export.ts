import { dirName, joinPath, slugify } from './format'
import { isInDemoFolder, type SuggestionProject } from './save-suggestion'

/**
 * The folder browser mode's “Export dbt scaffolds” dialog suggests: `dbt-models` beside the
 * project's file, or, for a project without a file of the person's own (a demo's, whose folder
 * goes when the demo stops), a folder named after the project in the default projects folder.
 */
export function suggestedDbtDir(project: SuggestionProject | null, defaultDir: string): string {
  const path = project?.path ?? null
  if (project && path && !isInDemoFolder(project)) return joinPath(dirName(path), 'dbt-models')
  return joinPath(defaultDir, `${slugify(project?.document.name ?? 'migration')}-dbt-models`)
}

/** The question asked when the chosen folder is not empty (the engine answered `CONFLICT`). */
export const OVERWRITE_QUESTION =
  'The folder is not empty: write the scaffolds into it anyway? Files with the same names are replaced; other files are left alone.'

/** True for the engine's “folder not empty” refusal of the dbt export. */
export const isConflict = (code: string): boolean => code === 'CONFLICT'
