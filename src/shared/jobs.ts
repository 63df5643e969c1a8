import { z } from 'zod'

/**
 * Long work the engine runs in the background: what a job is called, where it is, and what the
 * faces are told about it. Progress is typed: a phase, a unit, done and total. Nothing reads the
 * message to decide anything; it is only shown.
 */

/** The phases jobs go through; each job kind uses the ones that fit it, in order. */
export const JOB_PHASES = [
  'starting',
  'starting-servers',
  'loading-documents',
  'building-models',
  'testing-connections',
  'reading',
  'hashing',
  'merging',
  'analysing',
  'checking',
  'building-report',
  'rendering',
  'writing',
  'finishing',
] as const
export const jobPhaseSchema = z.enum(JOB_PHASES)
export type JobPhase = z.infer<typeof jobPhaseSchema>

/** What each phase is called, on screen and in the CLI; a job's message only adds detail. */
export const PHASE_LABEL: Record<JobPhase, string> = {
  starting: 'Starting',
  'starting-servers': 'Starting the servers',
  'loading-documents': 'Loading documents',
  'building-models': 'Building indexes, views and dbt models',
  'testing-connections': 'Testing the connections',
  reading: 'Reading',
  hashing: 'Hashing',
  merging: 'Comparing',
  analysing: 'Analysing',
  checking: 'Running checks',
  'building-report': 'Building the plan',
  rendering: 'Rendering',
  writing: 'Writing',
  finishing: 'Finishing',
}

/** What `done` and `total` count. */
export const JOB_UNITS = [
  'documents',
  'ids',
  'rows',
  'objects',
  'checks',
  'bytes',
  'steps',
] as const
export const jobUnitSchema = z.enum(JOB_UNITS)
export type JobUnit = z.infer<typeof jobUnitSchema>

export const jobProgressSchema = z.object({
  phase: jobPhaseSchema,
  unit: jobUnitSchema.nullable(),
  done: z.number().nonnegative(),
  /** Null while the total is unknown. */
  total: z.number().nonnegative().nullable(),
  /** Words for people; never compared. */
  message: z.string().max(500),
})
export type JobProgress = z.infer<typeof jobProgressSchema>

export const JOB_STATES = ['running', 'succeeded', 'failed', 'cancelled'] as const
export const jobStateSchema = z.enum(JOB_STATES)
export type JobState = z.infer<typeof jobStateSchema>

/**
 * A job as every face sees it: which kind (the operation that started it), its state, when it
 * started and ended, its latest progress, and for a finished job a one-line outcome.
 */
export const jobSnapshotSchema = z.object({
  jobId: z.string().max(100),
  /** The operation that started it, e.g. `demo.start`. */
  kind: z.string().max(100),
  title: z.string().max(200),
  state: jobStateSchema,
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Milliseconds since the start (to the end, once finished), as the engine measured them. */
  elapsedMs: z.number().nonnegative(),
  progress: jobProgressSchema,
  /** For a finished job: the error's message, or null on success. */
  error: z.object({ code: z.string().max(50), message: z.string().max(2_000) }).nullable(),
})
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>

/** The answer of every `*.start` operation: the job's id, at once. */
export const jobStartedSchema = z.object({ jobId: z.string().max(100) })
export type JobStarted = z.infer<typeof jobStartedSchema>

/** `jobId` as operations take it. */
export const jobIdSchema = z.string().min(1).max(100)
