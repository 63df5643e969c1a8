#!/usr/bin/env node
'use strict'

// The `cht-migrate` command: hands the arguments to the built CLI (out/main/cli.js) and exits
// with its code. The CLI is built by `npm install` (the prepare script) or `npm run build`.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write(
    'cht-migrate is not built yet: run `npm install` (it builds) or `npm run build`\n',
  )
  process.exit(1)
}

require(built)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code
  })
  .catch((error) => {
    process.stderr.write(`cht-migrate: ${error instanceof Error ? error.stack : error}\n`)
    process.exitCode = 1
  })
