import { PROJECT_FILE_EXTENSION, type ProjectState } from '../../../shared/project-schema'
import { baseName, dirName, joinPath, slugify, withExtension } from './format'

/** What the suggestion needs of the open project. */
export type SuggestionProject = Pick<ProjectState, 'path'> & {
  document: Pick<ProjectState['document'], 'name' | 'demo'>
}

/** True when `path` lies inside `dir` (either separator; no file system access). */
export function isPathInside(path: string, dir: string): boolean {
  const folder = dir.replace(/[\\/]+$/, '')
  if (folder === '' || !path.startsWith(folder)) return false
  const next = path.charAt(folder.length)
  return next === '/' || next === '\\'
}

/** True when the project's file is the demo's own, in the demo's folder. */
export function isInDemoFolder(project: SuggestionProject): boolean {
  const demo = project.document.demo
  return demo !== null && project.path !== null && isPathInside(project.path, demo.dir)
}

/**
 * The path browser mode's Save As and Export dialogs suggest.
 *
 * Beside the project's file (a copy, or the summary) when it has one of the person's own;
 * otherwise, and always for a demo's project, whose folder is removed when the demo stops, in
 * the default projects folder, named after the project.
 */
export function suggestedSavePath(
  kind: 'saveAs' | 'export',
  project: SuggestionProject | null,
  defaultDir: string,
): string {
  const path = project?.path ?? null
  if (project && path && !isInDemoFolder(project)) {
    return kind === 'export'
      ? withExtension(path, '.md')
      : joinPath(dirName(path), `copy-of-${baseName(path)}`)
  }
  const name = slugify(project?.document.name ?? 'migration')
  return joinPath(defaultDir, kind === 'export' ? `${name}.md` : `${name}${PROJECT_FILE_EXTENSION}`)
}
