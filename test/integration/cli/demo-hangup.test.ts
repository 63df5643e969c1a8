import { existsSync, readdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoJson } from '../../../src/main/cli/demo-output'
import { demoRegistryDir } from '../../../src/main/engine/demo/demo-registry'
import { demoTestFolder, killError, spawnCli } from '../../support/built-cli'

/**
 * `cht-migrate demo` on a jump host whose SSH connection drops gets SIGHUP: it must stop as on
 * Ctrl+C (servers stopped, folder removed, exit 0), not die leaving PostgreSQL running.
 */
let base: string
let tmp: string

beforeAll(async () => {
  ;({ base, tmp } = await demoTestFolder('cht-cli-hangup-'))
})
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true })
})

describe('cht-migrate demo (built) on SIGHUP', () => {
  it('stops cleanly, even when the hangup comes twice: exit 0, nothing left', async () => {
    const demo = spawnCli(['demo', '--docs', '200', '--json'], { TMPDIR: tmp })
    let postgresPid: number | null = null
    try {
      const end = Date.now() + 60_000
      while (!demo.stdout().includes('\n')) {
        if (demo.child.exitCode !== null || Date.now() > end) {
          throw new Error(`the demo did not start; stderr: ${demo.stderr()}`)
        }
        await new Promise((r) => setTimeout(r, 50))
      }
      const info = JSON.parse(demo.stdout().split('\n')[0]!) as DemoJson
      postgresPid = info.postgresPid
      expect(readdirSync(demoRegistryDir(tmp))).toHaveLength(1)

      // The kernel hangs up the terminal's processes, and the dying shell its jobs: two SIGHUPs.
      demo.child.kill('SIGHUP')
      await new Promise((r) => setTimeout(r, 20))
      demo.child.kill('SIGHUP')
      expect(await demo.exit).toBe(0)
      expect(demo.stderr()).toMatch(/Stopped\. Removed/)
      expect(existsSync(info.dir)).toBe(false)
      expect(killError(info.postgresPid!)).toBe('ESRCH')
      // Neither the folder nor the demo's record (nor the emptied registry) is left.
      expect(readdirSync(tmp)).toEqual([])
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL')
      // Where the wizard died instead (the fault), its PostgreSQL must not outlive the test.
      if (postgresPid !== null && killError(postgresPid) === null) {
        process.kill(postgresPid, 'SIGINT')
      }
    }
  }, 90_000)
})
