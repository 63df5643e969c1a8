import { getApiClient } from '../api/client'
import type { Intent } from '../../../shared/intents'
import type { ProjectPatch } from '../../../shared/project-patch'
import type { ProjectState } from '../../../shared/project-schema'
import type { AppErrorData } from '../../../shared/result'
import { baseName } from '../lib/format'
import { useStore } from '../store'
import type { GuardedAction } from '../store/ui-slice'
import { showOverview } from './navigation'

/**
 * What the UI asks of the engine about the project, and how it reacts to the answers.
 *
 * Every change goes through the api client; the store only ever receives the engine's state.
 * Failures become the alert banner (or stay with the dialog that asked), a dismissed native
 * dialog (`CANCELLED`) is silent, and `UNSAVED_CHANGES` opens the unsaved-changes dialog.
 */

const store = () => useStore.getState()
const hasNativeDialogs = () => store().info?.nativeDialogs ?? false

/** Takes a project the engine just opened, created or saved, and shows its overview. */
export function adopt(project: ProjectState): void {
  store().replaceProject(project)
  showOverview()
  void refreshRecent()
}

/** Asks the engine for the whole project (a patch did not apply: a change was missed). */
export async function reloadProject(): Promise<void> {
  const result = await getApiClient().call('project.get', {})
  if (result.ok) store().replaceProject(result.value.project)
}

/** How long a patch that does not apply yet waits for the changes before it to arrive. */
const PATCH_GAP_WAIT_MS = 300

/**
 * Applies a patch of the engine's to the copy. A reply can overtake the event of a change made
 * just before it (an autosave's, another window's), so a patch that does not apply yet waits a
 * moment for the event stream to fill the gap; only if the copy is still behind then is the whole
 * project asked for again.
 */
export async function applyPatchOrReload(patch: ProjectPatch): Promise<void> {
  if (store().applyPatch(patch)) return
  await new Promise((resolve) => setTimeout(resolve, PATCH_GAP_WAIT_MS))
  const copy = store().project
  if (copy?.document.id === patch.documentId && copy.revision >= patch.meta.revision) return
  if (!store().applyPatch(patch)) await reloadProject()
}

/** Reloads the recent list (after open, save-as and close the engine may have changed it). */
export async function refreshRecent(): Promise<void> {
  const result = await getApiClient().call('project.recent', {})
  if (result.ok) store().setRecent(result.value.entries)
}

/** Takes an entry off the recent list (the file, if any, is left alone). True once removed. */
export async function forgetRecent(path: string, name: string): Promise<boolean> {
  store().clearError()
  const result = await getApiClient().call('project.forgetRecent', { path })
  if (!result.ok) {
    fail(`Could not remove “${name}” from the list`, result.error, path)
    return false
  }
  store().setRecent(result.value.entries)
  store().announce(`Removed “${name}” from the recent projects.`)
  return true
}

function fail(title: string, error: AppErrorData, path?: string): void {
  store().showError({ title, message: error.message, code: error.code, path })
}

/** Opens a project file: by path (browser mode, recent list) or through the native dialog. */
export async function openProject(
  path: string | undefined,
  options: { fromBackup?: boolean; discardChanges?: boolean } = {},
): Promise<boolean> {
  store().clearError()
  const result = await getApiClient().call('project.open', {
    ...(path === undefined ? {} : { path }),
    ...(options.fromBackup ? { fromBackup: true } : {}),
    ...(options.discardChanges ? { discardChanges: true } : {}),
  })
  if (result.ok) {
    adopt(result.value)
    store().announce(
      result.value.recoveredFromBackup
        ? `Opened the backup copy of “${result.value.document.name}”.`
        : `Opened “${result.value.document.name}”.`,
    )
    return true
  }
  const { error } = result
  if (error.code === 'CANCELLED') return false
  if (error.code === 'UNSAVED_CHANGES') {
    store().openDialog({ kind: 'unsaved', action: 'open' })
    return false
  }
  const backupPath = error.details?.backupPath
  store().showError({
    title: path
      ? `Could not open ${options.fromBackup ? 'the backup of ' : ''}“${baseName(path)}”`
      : 'Could not open the project',
    message: error.message,
    code: error.code,
    path,
    backupPath: typeof backupPath === 'string' && !options.fromBackup ? backupPath : undefined,
    fileUnchanged: error.code.startsWith('PROJECT_'),
  })
  return false
}

/**
 * Creates a project. In browser mode it is saved at `path` at once; with native dialogs the
 * save dialog follows, and dismissing it leaves the project untitled until the next Save.
 */
export async function createProject(name: string, path: string | undefined): Promise<boolean> {
  store().clearError()
  const created = await getApiClient().call('project.new', {
    name,
    ...(path === undefined ? {} : { path }),
  })
  if (!created.ok) {
    fail('Could not create the project', created.error, path)
    return false
  }
  adopt(created.value)
  store().announce(`Created “${created.value.document.name}”.`)
  if (path === undefined && hasNativeDialogs()) await saveProjectAs(undefined)
  return true
}

/**
 * Saves the project where it lives. A project without a file asks for one: the native dialog,
 * or in browser mode the Save As dialog. Returns true once the project is on disk.
 */
export async function saveProject(): Promise<boolean> {
  const project = store().project
  if (!project) return false
  if (!project.path && !hasNativeDialogs()) {
    store().openDialog({ kind: 'saveAs' })
    return false
  }
  store().clearError()
  store().setSaving(true)
  const result = await getApiClient().call('project.save', {})
  store().setSaving(false)
  if (result.ok) {
    await applyPatchOrReload(result.value)
    store().announce('Project saved.')
    return true
  }
  if (result.error.code !== 'CANCELLED') fail('Could not save the project', result.error)
  return false
}

/** How a typed save or export path is sent: `allowDemoFolder` once the person was warned. */
export interface SaveOptions {
  allowDemoFolder?: boolean
}

/** The input fields of a save or export to `path`. */
const target = (path: string | undefined, options: SaveOptions) => ({
  ...(path === undefined ? {} : { path }),
  ...(options.allowDemoFolder ? { allowDemoFolder: true } : {}),
})

/**
 * Saves the project to another file. Returns null on success, or the engine's error for the
 * dialog that asked (a dismissed native dialog counts as success: nothing to report); a typed
 * path in a demo's temporary folder answers `DEMO_FOLDER` until `allowDemoFolder` is given.
 */
export async function saveProjectAs(
  path: string | undefined,
  options: SaveOptions = {},
): Promise<AppErrorData | null> {
  store().setSaving(true)
  const result = await getApiClient().call('project.saveAs', target(path, options))
  store().setSaving(false)
  if (result.ok) {
    await applyPatchOrReload(result.value)
    void refreshRecent()
    const saved = result.value.meta.path ?? ''
    store().showNotice(`From now on the project is saved to ${saved || 'the new file'}.`)
    store().announce(`Saved as ${baseName(saved)}.`)
    return null
  }
  if (result.error.code === 'CANCELLED') return null
  if (path === undefined) fail('Could not save the project', result.error)
  return result.error
}

/** Closes the project; `UNSAVED_CHANGES` brings up the dialog. Returns true once closed. */
export async function closeProject(discardChanges: boolean): Promise<boolean> {
  store().clearError()
  const result = await getApiClient().call(
    'project.close',
    discardChanges ? { discardChanges: true } : {},
  )
  if (result.ok) {
    store().replaceProject(null)
    store().showNotice(null)
    void refreshRecent()
    store().announce('Project closed.')
    return true
  }
  if (result.error.code === 'UNSAVED_CHANGES') {
    store().openDialog({ kind: 'unsaved', action: 'close' })
  } else {
    fail('Could not close the project', result.error)
  }
  return false
}

/** Starts New / Open / Close, asking first when the open project has unsaved changes. */
export function requestGuarded(action: GuardedAction): void {
  if (store().project?.dirty) {
    store().openDialog({ kind: 'unsaved', action })
    return
  }
  void performGuarded(action, false)
}

/** Carries out New / Open / Close once the user has decided about unsaved changes. */
export async function performGuarded(action: GuardedAction, discardChanges: boolean) {
  if (action === 'open' && hasNativeDialogs()) {
    await openProject(undefined, { discardChanges })
    return
  }
  if (store().project && !(await closeProject(discardChanges))) return
  if (action !== 'close') store().focusWelcome(action)
}

/** Sends intents to the engine and takes its answer as the new copy of the project. */
export async function sendIntents(intents: Intent[], announcement?: string): Promise<boolean> {
  const result = await getApiClient().call('project.update', { intents })
  if (result.ok) {
    await applyPatchOrReload(result.value)
    if (announcement) store().announce(announcement)
    return true
  }
  fail('Could not record the change', result.error)
  return false
}

/**
 * Sends intents to the engine, applies its patch to the copy and announces the change. Null
 * once recorded, else the engine's message, for the form that asked to show (never thrown); `sendIntents` shows
 * it in the page's banner instead.
 */
export async function recordIntents(
  intents: Intent[],
  announcement: string,
): Promise<string | null> {
  const result = await getApiClient().call('project.update', { intents })
  if (!result.ok) return result.error.message
  await applyPatchOrReload(result.value)
  store().announce(announcement)
  return null
}

/**
 * Confirms who is using the wizard: the name stamped on changes (“Updated by …”) and the role
 * pre-filled in sign-offs. Returns the engine's error, if any.
 */
export async function setIdentity(
  userName: string,
  userRole: string,
): Promise<AppErrorData | null> {
  const result = await getApiClient().call('app.setPreferences', { userName, userRole })
  if (!result.ok) return result.error
  store().setPreferences(result.value)
  const { userName: name, userRole: role } = result.value
  store().announce(`Your name is now ${name}${role ? `, ${role}` : ''}.`)
  return null
}
