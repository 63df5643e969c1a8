import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findElectronBinary, noElectronMessage } from '../../../scripts/electron-binary.mjs'
import { makeTempDir } from '../../support/project-fixtures'

let root: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir: root, cleanup } = makeTempDir('electron-binary'))
})
afterEach(() => cleanup())

const packageDir = () => join(root, 'node_modules', 'electron')
const installPackage = () => {
  mkdirSync(packageDir(), { recursive: true })
  writeFileSync(join(packageDir(), 'package.json'), '{"name":"electron"}')
}
const writeBinary = () => {
  writeFileSync(join(packageDir(), 'path.txt'), 'electron')
  mkdirSync(join(packageDir(), 'dist'))
  writeFileSync(join(packageDir(), 'dist', 'electron'), '')
}

describe('findElectronBinary', () => {
  it('says the package is missing before anything was installed', () => {
    expect(findElectronBinary(root, {})).toEqual({
      found: false,
      missing: expect.stringContaining('npm ci'),
    })
  })

  it('says the binary was not downloaded when the package has no path.txt, as after npm ci here', () => {
    installPackage()
    const result = findElectronBinary(root, {})
    expect(result).toEqual({
      found: false,
      missing: expect.stringContaining('not been downloaded'),
    })
  })

  it('says the binary is missing when path.txt names a file that is not in dist/', () => {
    installPackage()
    writeFileSync(join(packageDir(), 'path.txt'), 'electron')
    expect(findElectronBinary(root, {}).found).toBe(false)
  })

  it('finds the downloaded binary', () => {
    installPackage()
    writeBinary()
    expect(findElectronBinary(root, {})).toEqual({
      found: true,
      path: join(packageDir(), 'dist', 'electron'),
    })
  })

  it('takes ELECTRON_EXEC_PATH first, and says when it names nothing', () => {
    const binary = join(root, 'my-electron')
    writeFileSync(binary, '')
    expect(findElectronBinary(root, { ELECTRON_EXEC_PATH: binary })).toEqual({
      found: true,
      path: binary,
    })
    const gone = join(root, 'gone')
    expect(findElectronBinary(root, { ELECTRON_EXEC_PATH: gone })).toEqual({
      found: false,
      missing: expect.stringContaining(gone),
    })
  })
})

describe('noElectronMessage', () => {
  it('is one sentence: what is missing, and the browser mode that runs the same wizard', () => {
    installPackage()
    const result = findElectronBinary(root, {})
    if (result.found) throw new Error('expected no binary')
    const message = noElectronMessage(result.missing)
    expect(message).toContain(result.missing)
    expect(message).toContain('`npx cht-migrate serve` runs the same wizard in your browser.')
    expect(message).not.toContain('\n')
    expect(message.match(/\.(\s|$)/g)).toHaveLength(1)
  })
})
