import { homedir } from 'node:os'
import { basename, dirname } from 'node:path'
import type { FilePurpose, FileRoot } from '../../shared/contract-files'
import { PROJECT_FILE_EXTENSION } from '../../shared/project-schema'
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../shared/report/formats'
import { listFolder } from '../engine/fs/folder-listing'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'

/**
 * The folders the file browser starts from, in the order it offers them: home, the projects
 * folder, the open project's folder, then the folders of recent projects (the engine resolves
 * them and leaves out the ones that are gone, system folders and repeats).
 */
export function rootCandidates(ctx: HandlerContext, home: string = homedir()): FileRoot[] {
  const roots: FileRoot[] = [
    { kind: 'home', label: 'Home', path: home },
    { kind: 'projects', label: 'Projects folder', path: ctx.defaultProjectDir },
  ]
  const open = ctx.project.state?.path
  if (open) roots.push({ kind: 'project', label: "This project's folder", path: dirname(open) })
  for (const entry of ctx.prefs.get().recent) {
    const dir = dirname(entry.path)
    roots.push({ kind: 'recent', label: basename(dir) || dir, path: dir })
  }
  return roots
}

/**
 * The files a purpose shows: project files for Open and Save, the format's files for Export,
 * none when a folder is chosen.
 */
export function fileMatcher(
  purpose: FilePurpose,
  format?: ReportFormat,
): (name: string) => boolean {
  if (purpose === 'folder') return () => false
  const extensions =
    purpose !== 'export'
      ? [PROJECT_FILE_EXTENSION]
      : format
        ? [REPORT_FORMAT_INFO[format].extension]
        : REPORT_FORMATS.map((f) => REPORT_FORMAT_INFO[f].extension)
  return (name) => extensions.some((ext) => name.toLowerCase().endsWith(ext))
}

/**
 * `files.*`: browser mode's file browser. The handler names the roots and the files of the
 * purpose; the engine resolves and confines the folder (never trusting the renderer's path).
 * The desktop app keeps its native dialogs (SEC-10), but may call it too.
 */
export const filesHandlers: DomainHandlers<'files'> = {
  'files.list': async ({ dir, purpose, format }, ctx) =>
    listFolder({ dir, candidates: rootCandidates(ctx), matches: fileMatcher(purpose, format) }),
}
