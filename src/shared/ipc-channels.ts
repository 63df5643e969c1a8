/**
 * IPC channel names, in a module with no imports so the sandboxed preload can bundle it without
 * zod (SEC-02). `events.ts` re-exports both names for everyone else.
 */

/** The single IPC channel for events (main → renderer); requests each have their own channel. */
export const EVENT_CHANNEL = 'cht-migrate:event'

/** IPC channel of an operation: one per operation, never a generic invoke (SEC-03). */
export const opChannel = (op: string): string => `cht-migrate:op:${op}`
