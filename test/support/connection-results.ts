import { expect } from 'vitest'
import type { ConnectionErrorKind } from '../../src/shared/connections'
import { describeConnection } from '../../src/shared/results/connection-describe'
import type { ConnectionDetails } from '../../src/shared/results/connection-result'
import { storedResultSchema, type NewResult } from '../../src/shared/results/result-schema'

/**
 * Reading the result of a connection test in tests: its typed details, its facts for people as a
 * `label → value` record, and the checks every failure must pass.
 */

/** The details of a connection result; fails the test for any other kind. */
export function detailsOf(result: NewResult): ConnectionDetails {
  expect(result.details.kind).toBe('connection')
  return result.details as ConnectionDetails
}

/** The facts `describeConnection` gives for the result, by label. */
export function factsOf(result: NewResult): Record<string, string> {
  return Object.fromEntries(
    describeConnection(detailsOf(result)).facts.map((f) => [f.label, f.value]),
  )
}

/** The warnings `describeConnection` gives for the result. */
export const warningsOf = (result: NewResult): string[] =>
  describeConnection(detailsOf(result)).warnings

/** The stored target of the result (the one endpoint it was against). */
export const targetOf = (result: NewResult): string | undefined => result.endpoints[0]?.target

/**
 * Asserts a failed test of the given kind, with a hint worth reading, and that the result is
 * valid as the project file stores it.
 */
export function expectFailure(result: NewResult, kind: ConnectionErrorKind): void {
  const details = detailsOf(result)
  expect(details.ok, JSON.stringify(details.error)).toBe(false)
  expect(details.error?.kind).toBe(kind)
  expect(details.error?.hint.length).toBeGreaterThan(20)
  expect(result.verdict).toBe(kind === 'no_profile' || kind === 'no_password' ? 'error' : 'fail')
  expect(() => storedResultSchema.parse({ ...result, history: [] })).not.toThrow()
}

/** Asserts a connected test, valid as stored, and returns its details. */
export function expectConnected(result: NewResult): ConnectionDetails {
  const details = detailsOf(result)
  expect(details.error, JSON.stringify(details.error)).toBeNull()
  expect(details.ok).toBe(true)
  expect(['pass', 'warn']).toContain(result.verdict)
  expect(() => storedResultSchema.parse({ ...result, history: [] })).not.toThrow()
  return details
}
