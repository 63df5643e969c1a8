import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeTempDir } from '../../support/project-fixtures'
import type { HandlerContext } from '../../../src/main/api/context'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { createProjectActions, type ActionDeps } from '../../../src/main/electron/project-actions'
import { createTypedPathPolicy } from '../../../src/main/electron/typed-path-policy'
import { fakeDialogs } from '../../support/fake-dialogs'

// project-actions.ts imports electron types only; the handler context is the real one (engine,
// preferences and handlers) with scripted stand-ins for the native dialogs.

let temp: ReturnType<typeof makeTempDir>
let ctx: HandlerContext
let deps: ActionDeps
const askUnsaved = vi.fn<ActionDeps['askUnsaved']>()
const showError = vi.fn<ActionDeps['showError']>()
const sendMenuCommand = vi.fn<ActionDeps['sendMenuCommand']>()
const dialogs = fakeDialogs()

beforeEach(async () => {
  temp = makeTempDir('actions')
  for (const mock of [
    dialogs.chooseOpenPath,
    dialogs.chooseSavePath,
    dialogs.confirmDemoFolder,
    askUnsaved,
    sendMenuCommand,
  ]) {
    mock.mockReset()
  }
  showError.mockReset().mockResolvedValue(undefined)
  const paths = createTypedPathPolicy(() => ctx.prefs)
  ctx = await createHandlerContext({
    face: 'electron',
    configDir: join(temp.dir, 'config'),
    projectDir: temp.dir,
    dialogs,
    acceptTypedPath: (path, purpose) => paths.accept(path, purpose),
    autosaveMs: 60_000,
  })
  deps = {
    ctx,
    askUnsaved,
    showError,
    sendMenuCommand,
    allowPathOnce: (path) => paths.allowOnce(path),
    log: () => undefined,
  }
})
afterEach(async () => {
  await ctx.project.close().catch(() => undefined)
  temp.cleanup()
})

/** A project file on disk, made through a second context so the first stays as the test needs. */
async function savedProject(name: string): Promise<string> {
  const path = join(temp.dir, `${name}.chtmig.json`)
  const other = await createHandlerContext({
    face: 'cli',
    configDir: join(temp.dir, 'other-config'),
    dialogs: null,
    acceptTypedPath: () => true,
  })
  await other.project.create(name, path)
  await other.project.close()
  return path
}

const untitledDirty = () => ctx.project.create('Untitled plan')
const rename = (name: string) => ctx.project.update([{ type: 'project.rename', name }], 'amina')

describe('open', () => {
  it('opens the file chosen in the native dialog when nothing is unsaved', async () => {
    const path = await savedProject('kenya')
    dialogs.chooseOpenPath.mockResolvedValue(path)
    await createProjectActions(deps).open()
    expect(ctx.project.state?.path).toBe(path)
    expect(askUnsaved).not.toHaveBeenCalled()
    expect(ctx.prefs.isRecent(path)).toBe(true)
  })

  it('asks about unsaved changes first, and Cancel leaves everything as it was', async () => {
    await untitledDirty()
    askUnsaved.mockResolvedValue('cancel')
    await createProjectActions(deps).open()
    expect(askUnsaved).toHaveBeenCalledWith('Untitled plan')
    expect(dialogs.chooseOpenPath).not.toHaveBeenCalled()
    expect(ctx.project.state?.document.name).toBe('Untitled plan')
  })

  it("with Don't Save, opens the new file and drops the changes", async () => {
    const path = await savedProject('nepal')
    await untitledDirty()
    askUnsaved.mockResolvedValue('discard')
    dialogs.chooseOpenPath.mockResolvedValue(path)
    await createProjectActions(deps).open()
    expect(ctx.project.state?.document.name).toBe('nepal')
    expect(showError).not.toHaveBeenCalled()
  })

  it('with Save, saves through the Save dialog first, then opens', async () => {
    const path = await savedProject('uganda')
    const savedAt = join(temp.dir, 'untitled.chtmig.json')
    await untitledDirty()
    askUnsaved.mockResolvedValue('save')
    dialogs.chooseSavePath.mockResolvedValue(savedAt)
    dialogs.chooseOpenPath.mockResolvedValue(path)
    await createProjectActions(deps).open()
    expect(JSON.parse(readFileSync(savedAt, 'utf8')).name).toBe('Untitled plan')
    expect(ctx.project.state?.path).toBe(path)
  })

  it('stops quietly when the Save dialog is dismissed', async () => {
    await untitledDirty()
    askUnsaved.mockResolvedValue('save')
    dialogs.chooseSavePath.mockResolvedValue(null)
    await createProjectActions(deps).open()
    expect(dialogs.chooseOpenPath).not.toHaveBeenCalled()
    expect(showError).not.toHaveBeenCalled()
    expect(ctx.project.state?.dirty).toBe(true)
  })

  it('flushes a pending autosave instead of asking', async () => {
    const path = await savedProject('malawi')
    dialogs.chooseOpenPath.mockResolvedValueOnce(path)
    const actions = createProjectActions(deps)
    await actions.open()
    await rename('Malawi, renamed')
    expect(ctx.project.state?.dirty).toBe(true)
    dialogs.chooseOpenPath.mockResolvedValueOnce(null)
    await actions.open()
    expect(askUnsaved).not.toHaveBeenCalled()
    expect(JSON.parse(readFileSync(path, 'utf8')).name).toBe('Malawi, renamed')
  })

  it('shows the error of a file that cannot be opened', async () => {
    const broken = join(temp.dir, 'broken.chtmig.json')
    writeFileSync(broken, '{ not json')
    dialogs.chooseOpenPath.mockResolvedValue(broken)
    await createProjectActions(deps).open()
    expect(showError).toHaveBeenCalledTimes(1)
    const [title, error] = showError.mock.calls[0]!
    expect(title).toMatch(/could not be opened/)
    expect(error.code).toMatch(/^PROJECT_|^FILE_/)
    expect(ctx.project.state).toBeNull()
  })
})

describe('openPath', () => {
  it('opens a file named on the command line (allowed once, SEC-10)', async () => {
    const path = await savedProject('zambia')
    await createProjectActions(deps).openPath(path, 'command-line')
    expect(ctx.project.state?.path).toBe(path)
    expect(showError).not.toHaveBeenCalled()
  })

  it('opens a recent entry, and refuses a path that is neither recent nor given', async () => {
    const path = await savedProject('togo')
    const actions = createProjectActions(deps)
    await actions.openPath(path, 'recent')
    expect(showError.mock.calls[0]?.[1].code).toBe('BAD_REQUEST')
    await ctx.prefs.addRecent(path, 'togo')
    await actions.openPath(path, 'recent')
    expect(ctx.project.state?.path).toBe(path)
  })
})

describe('newProject, save, saveAs, export, close', () => {
  it('asks the page to show its new-project form', async () => {
    await createProjectActions(deps).newProject()
    expect(sendMenuCommand).toHaveBeenCalledWith('new')
  })

  it("closes a project whose changes are dropped before the page's form replaces it", async () => {
    await untitledDirty()
    askUnsaved.mockResolvedValue('discard')
    await createProjectActions(deps).newProject()
    expect(ctx.project.state).toBeNull()
    expect(sendMenuCommand).toHaveBeenCalledWith('new')
  })

  it('does not ask for the form when the user cancels', async () => {
    await untitledDirty()
    askUnsaved.mockResolvedValue('cancel')
    await createProjectActions(deps).newProject()
    expect(sendMenuCommand).not.toHaveBeenCalled()
  })

  it('saves an untitled project through the Save dialog, and Save As to another file', async () => {
    await untitledDirty()
    const first = join(temp.dir, 'first.chtmig.json')
    const second = join(temp.dir, 'second')
    dialogs.chooseSavePath.mockResolvedValueOnce(first).mockResolvedValueOnce(second)
    const actions = createProjectActions(deps)
    await actions.save()
    expect(dialogs.chooseSavePath).toHaveBeenLastCalledWith('Untitled plan', 'project')
    expect(ctx.project.state).toMatchObject({ path: first, dirty: false })
    await actions.saveAs()
    expect(ctx.project.state?.path).toBe(`${second}.chtmig.json`)
  })

  it('Export… opens the page’s export dialog, which runs the export as a job', () => {
    createProjectActions(deps).exportPlan()
    expect(sendMenuCommand).toHaveBeenCalledWith('export')
  })

  it('Settings… shows the page’s Settings', () => {
    createProjectActions(deps).settings()
    expect(sendMenuCommand).toHaveBeenCalledWith('settings')
  })

  it('closes the project after the unsaved-changes question', async () => {
    await untitledDirty()
    askUnsaved.mockResolvedValue('discard')
    await createProjectActions(deps).close()
    expect(ctx.project.state).toBeNull()
    expect(existsSync(join(temp.dir, 'Untitled plan.chtmig.json'))).toBe(false)
  })
})

describe('confirmLeave', () => {
  it('lets the window close when nothing is unsaved', async () => {
    expect(await createProjectActions(deps).confirmLeave()).toBe(true)
    expect(askUnsaved).not.toHaveBeenCalled()
  })

  it('keeps the window open on Cancel and lets it close on Don’t Save', async () => {
    await untitledDirty()
    const actions = createProjectActions(deps)
    askUnsaved.mockResolvedValueOnce('cancel').mockResolvedValueOnce('discard')
    expect(await actions.confirmLeave()).toBe(false)
    expect(await actions.confirmLeave()).toBe(true)
  })

  it('drops the unsaved work on Don’t Save, autosaved copy included, so nothing is offered later', async () => {
    await untitledDirty()
    await rename('Dropped on purpose')
    await ctx.recovery.flush()
    const copies = () =>
      readdirSync(join(temp.dir, 'config', 'recovery')).filter((f) => f.endsWith('.chtmig.json'))
    expect(copies()).toHaveLength(1)
    askUnsaved.mockResolvedValueOnce('discard')
    expect(await createProjectActions(deps).confirmLeave()).toBe(true)
    await ctx.recovery.flush()
    expect(ctx.project.state).toBeNull()
    expect(copies()).toEqual([])
  })
})
