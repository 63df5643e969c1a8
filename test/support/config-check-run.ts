import { join } from 'node:path'
import { expect } from 'vitest'
import { z } from 'zod'
import type { CheckOutcome } from '../../src/main/engine/checks/check-types'
import type { ChtSyncConfig } from '../../src/main/engine/checks/config/config-types'
import { parseEnvFile } from '../../src/main/engine/checks/config/env-file'
import { loadChtSyncConfig } from '../../src/main/engine/checks/config/load-config'
import { CONFIG_CHECKS } from '../../src/main/engine/checks/setup/config-checks'
import type { ProjectDocument } from '../../src/shared/project-schema'
import { evidenceItemSchema } from '../../src/shared/results/check-result'
import { TEXT_LIMITS } from '../../src/shared/results/common'
import { fakeCheckContext } from './fake-check-context'

/**
 * Running the configuration checks (`CONFIG_CHECKS`) in unit tests on a fixture file of
 * `test/fixtures/cht-sync-env/` or on a `.env` text, and holding every outcome to the bounds a
 * stored result has.
 */

export const CHT_SYNC_FIXTURES = join(__dirname, '../fixtures/cht-sync-env')

const outcomeSchema = z.object({
  verdict: z.enum(['pass', 'warn', 'fail', 'skipped']),
  summary: z.string().min(1).max(TEXT_LIMITS.paragraph),
  evidence: z.array(evidenceItemSchema).max(50).optional(),
  remedy: z
    .object({
      text: z.string().min(1).max(TEXT_LIMITS.paragraph),
      docUrl: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  skippedBecause: z.string().max(TEXT_LIMITS.line).optional(),
})

/** Asserts an outcome a result can store: bounded text, valid evidence, a remedy on warn and fail. */
export function expectValidOutcome(outcome: CheckOutcome): void {
  const parsed = outcomeSchema.safeParse(outcome)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  const text = JSON.stringify(outcome)
  expect(text).not.toContain('[object Object]')
  expect(text).not.toContain('undefined')
  if (outcome.verdict === 'warn' || outcome.verdict === 'fail') {
    expect(outcome.remedy?.text.length ?? 0).toBeGreaterThan(10)
  }
  if (outcome.verdict === 'skipped') expect(outcome.skippedBecause?.length ?? 0).toBeGreaterThan(10)
}

/** The check of `CONFIG_CHECKS` with this id. */
export function configCheck(id: string) {
  const check = CONFIG_CHECKS.find((c) => c.id === id)
  if (!check) throw new Error(`no configuration check ${id}`)
  return check
}

/** Runs a check on a parsed configuration (null: none chosen), checking the outcome's bounds. */
export async function runOnConfig(
  id: string,
  config: ChtSyncConfig | null,
  document?: ProjectDocument,
): Promise<CheckOutcome> {
  const ctx = fakeCheckContext({
    config: () => Promise.resolve(config),
    ...(document && { document }),
  })
  const outcome = await configCheck(id).run(ctx)
  expectValidOutcome(outcome)
  return outcome
}

/** Reads a fixture as the engine does (a `.yaml` as values.yaml, anything else as a `.env`). */
export async function loadFixture(name: string): Promise<ChtSyncConfig> {
  const path = join(CHT_SYNC_FIXTURES, name)
  const values = name.endsWith('.yaml')
  const config = await loadChtSyncConfig({
    envPath: values ? null : path,
    valuesPath: values ? path : null,
  })
  if (!config) throw new Error(`fixture ${name} gave no configuration`)
  return config
}

/** Runs a check on a fixture file. */
export async function runOnFixture(
  id: string,
  name: string,
  document?: ProjectDocument,
): Promise<CheckOutcome> {
  return runOnConfig(id, await loadFixture(name), document)
}

/** Runs a check on the text of a `.env`. */
export const runOnEnv = (id: string, text: string): Promise<CheckOutcome> =>
  runOnConfig(id, parseEnvFile(text, '/srv/cht-sync/.env'))

/** The value of a setting item of the evidence, by key. */
export function settingShown(outcome: CheckOutcome, key: string): string | null | undefined {
  const item = outcome.evidence?.find((e) => e.type === 'setting' && e.key === key)
  return item?.type === 'setting' ? item.value : undefined
}
