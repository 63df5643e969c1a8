import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import { makeTempDir } from '../../support/project-fixtures'
import { contract } from '../../../src/shared/contract'
import { EVENT_CHANNEL, opChannel, type AppEvent } from '../../../src/shared/events'
import { createHandlerContext } from '../../../src/main/api/create-context'
import {
  createIpcHandler,
  createSenderCheck,
  registerIpcHandlers,
  sendEvent,
} from '../../../src/main/electron/ipc'

const ipcMain = vi.hoisted(() => ({ handle: vi.fn(), removeHandler: vi.fn() }))
vi.mock('electron', () => ({ ipcMain }))

const temp = makeTempDir('ipc')
afterAll(() => temp.cleanup())

const newContext = () =>
  createHandlerContext({
    face: 'electron',
    configDir: temp.dir,
    projectDir: temp.dir,
    dialogs: null,
    acceptTypedPath: () => false,
    autosaveMs: 60_000,
  })

const event = {} as IpcMainInvokeEvent
const trusted = () => true
const untrusted = () => false
const silent = () => undefined

describe('createIpcHandler (SEC-04)', () => {
  it('refuses a request from an unknown sender with FORBIDDEN, without running it', async () => {
    const ctx = await newContext()
    const afterCall = vi.fn()
    const handler = createIpcHandler('project.new', {
      isTrustedSender: untrusted,
      ctx,
      log: silent,
      afterCall,
    })
    const result = await handler(event, { name: 'Injected' })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ctx.project.state).toBeNull()
    expect(afterCall).not.toHaveBeenCalled()
  })

  it.each([
    ['project.new', { name: 42 }],
    ['project.new', {}],
    ['app.info', { unexpected: true }],
    ['project.update', { intents: [] }],
    ['jobs.cancel', 'not an object'],
  ] as const)('answers malformed input to %s with BAD_REQUEST', async (op, raw) => {
    const ctx = await newContext()
    const handler = createIpcHandler(op, { isTrustedSender: trusted, ctx, log: silent })
    const result = await handler(event, raw)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('runs a valid call through the shared handler and returns its Result', async () => {
    const ctx = await newContext()
    const afterCall = vi.fn()
    const deps = { isTrustedSender: trusted, ctx, log: silent, afterCall }
    const info = await createIpcHandler('app.info', deps)(event, {})
    expect(info).toMatchObject({ ok: true, value: { face: 'electron', nativeDialogs: false } })
    const created = await createIpcHandler('project.new', deps)(event, { name: 'Kenya' })
    expect(created).toMatchObject({ ok: true, value: { document: { name: 'Kenya' }, path: null } })
    expect(ctx.project.state?.document.name).toBe('Kenya')
    expect(afterCall).toHaveBeenCalledWith('project.new')
  })

  it('passes engine errors through as values with their code', async () => {
    const ctx = await newContext()
    const handler = createIpcHandler('project.save', { isTrustedSender: trusted, ctx, log: silent })
    expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } })
  })
})

describe('registerIpcHandlers', () => {
  beforeEach(() => {
    ipcMain.handle.mockClear()
    ipcMain.removeHandler.mockClear()
  })

  it('registers one channel per contract operation and nothing else', async () => {
    const ctx = await newContext()
    const unregister = registerIpcHandlers({ isTrustedSender: untrusted, ctx, log: silent })
    const channels = ipcMain.handle.mock.calls.map(([channel]) => channel)
    expect(channels.sort()).toEqual(Object.keys(contract).map(opChannel).sort())
    unregister()
    expect(ipcMain.removeHandler.mock.calls.map(([c]) => c).sort()).toEqual(channels)
  })

  it('puts the sender check in front of every registered handler', async () => {
    const ctx = await newContext()
    registerIpcHandlers({ isTrustedSender: untrusted, ctx, log: silent })
    for (const [, handler] of ipcMain.handle.mock.calls) {
      expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})

describe('createSenderCheck (SEC-04)', () => {
  const APP_URL = 'app://cht-migrate/index.html'
  const isAppUrl = (url: string) => url.startsWith('app://cht-migrate/')
  const frame = (url: string, token: string) => ({ url, frameToken: token, processId: 7 })

  function setup(options: { destroyed?: boolean } = {}) {
    const mainFrame = frame(APP_URL, 'main')
    const webContents = { mainFrame }
    const win = { webContents, isDestroyed: () => options.destroyed ?? false }
    const check = createSenderCheck(() => win as unknown as BrowserWindow, isAppUrl)
    const from = (sender: unknown, senderFrame: unknown) =>
      check({ sender, senderFrame } as unknown as IpcMainInvokeEvent)
    return { win, mainFrame, webContents, from }
  }

  it('trusts the main frame of our window showing the app', () => {
    const { webContents, mainFrame, from } = setup()
    expect(from(webContents, mainFrame)).toBe(true)
  })

  it('refuses other web contents, subframes, foreign pages and vanished frames', () => {
    const { webContents, mainFrame, from } = setup()
    expect(from({ mainFrame }, mainFrame)).toBe(false)
    expect(from(webContents, frame(APP_URL, 'child'))).toBe(false)
    mainFrame.url = 'https://evil.example/'
    expect(from(webContents, mainFrame)).toBe(false)
    expect(from(webContents, null)).toBe(false)
  })

  it('refuses everything once the window is gone', () => {
    const { webContents, mainFrame, from } = setup({ destroyed: true })
    expect(from(webContents, mainFrame)).toBe(false)
    const none = createSenderCheck(() => null, isAppUrl)
    expect(none({ sender: webContents, senderFrame: mainFrame } as never)).toBe(false)
  })

  it('refuses when the sender frame cannot be read', () => {
    const { webContents, win } = setup()
    const check = createSenderCheck(() => win as unknown as BrowserWindow, isAppUrl)
    const throwing = {
      sender: webContents,
      get senderFrame(): never {
        throw new Error('frame disposed')
      },
    }
    expect(check(throwing as unknown as IpcMainInvokeEvent)).toBe(false)
  })
})

describe('sendEvent', () => {
  const event: AppEvent = { type: 'menu.command', command: 'new' }

  it('sends the event on the one event channel', () => {
    const send = vi.fn()
    const win = { isDestroyed: () => false, webContents: { isDestroyed: () => false, send } }
    sendEvent(win as unknown as BrowserWindow, event)
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, event)
  })

  it('skips a missing or destroyed window', () => {
    const send = vi.fn()
    const win = { isDestroyed: () => true, webContents: { isDestroyed: () => false, send } }
    sendEvent(win as unknown as BrowserWindow, event)
    sendEvent(null, event)
    expect(send).not.toHaveBeenCalled()
  })
})
