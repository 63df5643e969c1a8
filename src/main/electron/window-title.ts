import type { ProjectState } from '../../shared/project-schema'

/** The name people see in the title bar, the dock and the installers (electron-builder.yml). */
export const PRODUCT_NAME = 'CHT Sync Migration Wizard'

/** Prefix of the title while the project has changes not yet written to its file. */
export const DIRTY_MARKER = '• '

/**
 * Returns the window title for the open project: its name, a dirty marker while it has unsaved
 * changes, then the product name; just the product name when no project is open.
 */
export function windowTitle(project: ProjectState | null): string {
  if (!project) return PRODUCT_NAME
  const marker = project.dirty ? DIRTY_MARKER : ''
  return `${marker}${project.document.name} — ${PRODUCT_NAME}`
}
