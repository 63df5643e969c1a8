import type { StateCreator } from 'zustand'
import type { JobSnapshot } from '../../../shared/jobs'
import type { Store } from './index'

/**
 * The jobs the engine runs or ran recently, as its events and `jobs.list` describe them. The
 * activity tray shows them; a page waiting for its own job (the demo start) reads it here.
 */
export interface JobsSlice {
  jobs: Record<string, JobSnapshot>
  /**
   * When (this page's clock) each snapshot arrived: elapsed time is the snapshot's plus the time
   * since, so a server whose clock differs (browser mode over a tunnel) shows the right figure.
   */
  jobSeenAt: Record<string, number>
  /** Jobs the person has dismissed from the tray (finished ones only). */
  dismissedJobs: Record<string, true>
  /** Takes a snapshot of one job, unless the copy already has a later one. */
  upsertJob(job: JobSnapshot): void
  /** Takes the engine's whole list (after a reload or a reconnect). */
  replaceJobs(jobs: JobSnapshot[]): void
  dismissJob(jobId: string): void
}

/** A finished snapshot is never replaced by a running one that arrived late. */
function isNewer(next: JobSnapshot, current: JobSnapshot | undefined): boolean {
  if (!current) return true
  if (current.state !== 'running' && next.state === 'running') return false
  return next.elapsedMs >= current.elapsedMs || next.state !== current.state
}

export const createJobsSlice: StateCreator<Store, [], [], JobsSlice> = (set) => ({
  jobs: {},
  jobSeenAt: {},
  dismissedJobs: {},
  upsertJob: (job) =>
    set((state) =>
      isNewer(job, state.jobs[job.jobId])
        ? {
            jobs: { ...state.jobs, [job.jobId]: job },
            jobSeenAt: { ...state.jobSeenAt, [job.jobId]: Date.now() },
          }
        : {},
    ),
  replaceJobs: (jobs) =>
    set((state) => {
      const next: Record<string, JobSnapshot> = {}
      const seen: Record<string, number> = {}
      for (const job of jobs) {
        const current = state.jobs[job.jobId]
        const keep = current !== undefined && !isNewer(job, current)
        next[job.jobId] = keep ? current : job
        seen[job.jobId] = keep ? (state.jobSeenAt[job.jobId] ?? Date.now()) : Date.now()
      }
      return { jobs: next, jobSeenAt: seen }
    }),
  dismissJob: (jobId) =>
    set((state) => ({ dismissedJobs: { ...state.dismissedJobs, [jobId]: true } })),
})
