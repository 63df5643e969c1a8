import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const BUILT_PRELOAD = resolve(__dirname, '../../../out/preload/index.cjs')

/** Reads the built preload, or fails with what to do: `npm test` always builds first. */
function builtPreload(): string {
  if (!existsSync(BUILT_PRELOAD)) {
    throw new Error(
      `${BUILT_PRELOAD} does not exist: run \`npm run build\` first (\`npm test\` builds before the unit tests).`,
    )
  }
  return readFileSync(BUILT_PRELOAD, 'utf8')
}

// Comments and string contents are removed so that words in doc comments are not mistaken for code.
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/`(?:\\[\s\S]|[^\\`])*`/g, '``')
}

describe('the built preload (SEC-02)', () => {
  it('is CommonJS: no top-level import or export statements', () => {
    const code = codeOnly(builtPreload())
    expect(code).not.toMatch(/^\s*import[\s{*"']/m)
    expect(code).not.toMatch(/^\s*export[\s{*]/m)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/\bimport\.meta\b/)
  })

  it('requires nothing but electron', () => {
    const code = codeOnly(builtPreload())
    const requires = [...code.matchAll(/\brequire\s*\(\s*([^)]*?)\s*\)/g)].map((m) => m[1])
    expect(requires.length).toBeGreaterThan(0)
    expect(new Set(requires)).toEqual(new Set(['"electron"']))
  })

  it('carries neither zod nor a generic channel', () => {
    const code = codeOnly(builtPreload())
    expect(code).not.toMatch(/\bzod\b|ZodError|safeParse/)
    expect(code).not.toMatch(/exposeInMainWorld\(\s*["'](?!api["'])/)
  })
})
