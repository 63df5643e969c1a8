import type { CheckContext } from '../../src/main/engine/checks/check-types'
import { sampleDocument } from './project-fixtures'

/**
 * A `CheckContext` for unit tests of a check's `run`, with only what the test gives it.
 *
 * Every method the test does not pass throws (or rejects, for those returning a promise)
 * "ctx.<name>() is not available in this test", so a check that reaches for a server the test did
 * not expect fails loudly instead of hanging or passing by accident. The plain fields have
 * harmless defaults: a signal that never aborts, a small sample project (`sampleDocument()`) and a
 * sample window of 0 ms. `inMemoryMemo()` gives a working `memo` when a check shares work.
 *
 * @example
 *   const ctx = fakeCheckContext({ config: async () => parseEnvFile(text, '/srv/cht-sync/.env') })
 *   const outcome = await check.run(ctx)
 */
export function fakeCheckContext(overrides: Partial<CheckContext> = {}): CheckContext {
  const missing = (name: string) => new Error(`ctx.${name}() is not available in this test`)
  const rejects =
    (name: string) =>
    (..._args: unknown[]): Promise<never> =>
      Promise.reject(missing(name))
  const throws =
    (name: string) =>
    (..._args: unknown[]): never => {
      throw missing(name)
    }
  return {
    signal: new AbortController().signal,
    document: sampleDocument(),
    sampleWindowMs: 0,
    now: throws('now'),
    config: rejects('config'),
    couch: rejects('couch'),
    pool: rejects('pool'),
    read: rejects('read'),
    endpointRef: throws('endpointRef'),
    prometheus: rejects('prometheus'),
    exec: rejects('exec'),
    memo: rejects('memo'),
    sleep: rejects('sleep'),
    ...overrides,
  }
}

/** A `memo` that computes each key once per context, as a run's does. */
export function inMemoryMemo(): CheckContext['memo'] {
  const done = new Map<string, Promise<unknown>>()
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    if (!done.has(key)) done.set(key, work())
    return done.get(key) as Promise<T>
  }
}
