import { expect } from 'vitest'
import { AppError } from '../../src/shared/result'

/** Awaits a promise that must reject with an `AppError`, and returns that error. */
export async function appErrorFrom(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => expect.unreachable('expected the call to fail with an AppError'),
    (reason: unknown) => reason,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}
