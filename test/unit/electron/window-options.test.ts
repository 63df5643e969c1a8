import { describe, expect, it } from 'vitest'
import { createWindowOptions } from '../../../src/main/electron/window-options'
import { PRODUCT_NAME } from '../../../src/main/electron/window-title'

// window-options.ts imports only the *type* of BrowserWindowConstructorOptions; if it ever
// imported electron at run time this file would fail to load, which is the point.

describe('createWindowOptions (SEC-01)', () => {
  const options = createWindowOptions('/app/out/preload/index.cjs')
  const prefs = options.webPreferences ?? {}

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets %s to %s explicitly', (key, value) => {
    expect(Object.prototype.hasOwnProperty.call(prefs, key)).toBe(true)
    expect(prefs[key]).toBe(value)
  })

  it('uses the given preload and no other script entry', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    expect(prefs).not.toHaveProperty('preloadURL')
    expect(prefs).not.toHaveProperty('additionalArguments')
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  })

  it('starts hidden at a sensible size with a title and background', () => {
    expect(options).toMatchObject({
      show: false,
      width: 1280,
      height: 860,
      minWidth: 960,
      minHeight: 640,
      title: PRODUCT_NAME,
    })
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(prefs.spellcheck).toBe(true)
  })

  it('passes the icon and turns DevTools off when asked (packaged builds)', () => {
    const packaged = createWindowOptions('/p.cjs', { icon: '/icon.png', devTools: false })
    expect(packaged.icon).toBe('/icon.png')
    expect(packaged.webPreferences?.devTools).toBe(false)
    expect(createWindowOptions('/p.cjs')).not.toHaveProperty('icon')
  })

  it('keeps the security settings whatever extras are passed', () => {
    const packaged = createWindowOptions('/p.cjs', { icon: '/icon.png', devTools: false })
    expect(packaged.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
  })
})
