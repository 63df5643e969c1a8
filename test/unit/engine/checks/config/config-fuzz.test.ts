import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { CheckOutcome } from '../../../../../src/main/engine/checks/check-types'
import type { ChtSyncConfig } from '../../../../../src/main/engine/checks/config/config-types'
import { parseEnvFile } from '../../../../../src/main/engine/checks/config/env-file'
import { parseValuesFile } from '../../../../../src/main/engine/checks/config/values-file'
import { CONFIG_CHECKS } from '../../../../../src/main/engine/checks/setup/config-checks'
import { evidenceItemSchema } from '../../../../../src/shared/results/check-result'
import { TEXT_LIMITS } from '../../../../../src/shared/results/common'
import {
  envText,
  largeEnvText,
  largeValuesText,
  Rng,
  valuesText,
} from '../../../../support/config-fuzz-inputs'
import { fakeCheckContext } from '../../../../support/fake-check-context'

/**
 * The two readers never throw and always give a well-formed configuration, whatever the file
 * holds; every configuration check gives a result a project can store from whatever they give.
 * Seeded, so a failure names the input that caused it and repeats.
 */

const ENV_INPUTS = 7_000
const VALUES_INPUTS = 3_000
/** Every how-many-th configuration the checks run on. */
const CHECK_EVERY = 20
const TEN_MB = 10 * 1024 * 1024

const entrySchema = z.object({
  key: z.string(),
  value: z.string(),
  line: z.number().int().positive().nullable(),
})
const problemMessage = z
  .string()
  .min(1)
  .max(400)
  .refine((m) => !m.includes('[object Object]') && !m.includes('undefined'), 'not readable')
const configSchema = z.object({
  kind: z.enum(['env', 'values']),
  path: z.string(),
  entries: z.array(entrySchema),
  duplicates: z.array(
    z.object({ key: z.string(), lines: z.array(z.number().int().positive()).min(2) }),
  ),
  problems: z
    .array(z.object({ line: z.number().int().positive().nullable(), message: problemMessage }))
    .max(60),
  settings: z.record(z.string(), entrySchema),
  couchdbs: z
    .array(
      z.object({
        host: entrySchema.nullable(),
        port: entrySchema.nullable(),
        secure: entrySchema.nullable(),
        user: entrySchema.nullable(),
        password: entrySchema.nullable(),
        dbs: entrySchema.nullable(),
      }),
    )
    .min(1),
})

const outcomeSchema = z.object({
  verdict: z.enum(['pass', 'warn', 'fail', 'skipped']),
  summary: z.string().min(1).max(TEXT_LIMITS.paragraph),
  evidence: z.array(evidenceItemSchema).max(50).optional(),
  remedy: z
    .object({ text: z.string().min(1).max(TEXT_LIMITS.paragraph) })
    .nullable()
    .optional(),
  skippedBecause: z.string().max(TEXT_LIMITS.line).optional(),
})

/** Throws, naming the input, unless the configuration is well formed. */
function expectWellFormed(config: ChtSyncConfig, input: string): void {
  const parsed = configSchema.safeParse(config)
  if (!parsed.success) {
    throw new Error(`${input}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`)
  }
}

function expectStorable(outcome: CheckOutcome, input: string): void {
  const parsed = outcomeSchema.safeParse(outcome)
  if (!parsed.success) {
    throw new Error(`${input}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`)
  }
  if (JSON.stringify(outcome).includes('[object Object]'))
    throw new Error(`${input}: [object Object]`)
}

async function runChecks(config: ChtSyncConfig, input: string): Promise<number> {
  const ctx = fakeCheckContext({ config: () => Promise.resolve(config) })
  for (const check of CONFIG_CHECKS) {
    expectStorable(await check.run(ctx), `${input}, ${check.id}`)
  }
  return CONFIG_CHECKS.length
}

describe('the configuration readers under fuzzing', () => {
  it(`read ${ENV_INPUTS} generated .env files and check a sample`, async () => {
    const rng = new Rng(0x5eed_0e1f)
    let runs = 0
    for (let i = 0; i < ENV_INPUTS; i += 1) {
      const text = envText(rng)
      const config = parseEnvFile(text, `/fuzz/${i}/.env`)
      expectWellFormed(config, `.env #${i}`)
      if (i % CHECK_EVERY === 0) runs += await runChecks(config, `.env #${i}`)
    }
    expect(runs).toBe((ENV_INPUTS / CHECK_EVERY) * CONFIG_CHECKS.length)
  }, 60_000)

  it(`read ${VALUES_INPUTS} generated values.yaml files and check a sample`, async () => {
    const rng = new Rng(0x5eed_7a1e)
    let runs = 0
    for (let i = 0; i < VALUES_INPUTS; i += 1) {
      const text = valuesText(rng)
      const config = parseValuesFile(text, `/fuzz/${i}/values.yaml`)
      expectWellFormed(config, `values.yaml #${i}`)
      if (i % CHECK_EVERY === 0) runs += await runChecks(config, `values.yaml #${i}`)
    }
    expect(runs).toBe((VALUES_INPUTS / CHECK_EVERY) * CONFIG_CHECKS.length)
  }, 60_000)

  it('read a 10 MB .env, and 10 MB of binary junk, within bounds', async () => {
    const rng = new Rng(0x10_0e1f)
    const text = largeEnvText(rng, TEN_MB)
    expect(text.length).toBeGreaterThanOrEqual(TEN_MB)
    const config = parseEnvFile(text, '/fuzz/large/.env')
    expectWellFormed(config, 'large .env')
    expect(config.problems.length).toBeLessThanOrEqual(53)
    await runChecks(config, 'large .env')
    const binary = Buffer.alloc(TEN_MB)
    for (let i = 0; i < binary.length; i += 1) binary[i] = (i * 7919 + (i >> 9)) & 0xff
    const junk = parseEnvFile(binary.toString('utf8'), '/fuzz/binary/.env')
    expectWellFormed(junk, 'binary .env')
    expect(junk.problems[0]?.message).toContain('NUL or other control bytes')
    await runChecks(junk, 'binary .env')
  }, 60_000)

  it('read a 10 MB values.yaml within bounds', async () => {
    const rng = new Rng(0x10_7a1e)
    const text = largeValuesText(rng, TEN_MB)
    expect(text.length).toBeGreaterThanOrEqual(TEN_MB)
    const config = parseValuesFile(text, '/fuzz/large/values.yaml')
    expectWellFormed(config, 'large values.yaml')
    expect(config.couchdbs.length).toBeLessThanOrEqual(100)
    await runChecks(config, 'large values.yaml')
  }, 60_000)
})
