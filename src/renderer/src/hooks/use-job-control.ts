import { useState } from 'react'
import { cancelJob } from '../actions/job-actions'
import { useStore } from '../store'
import { selectRunningJob } from '../store/selectors'

/**
 * Starting and cancelling one kind of job from a button: the running job of that kind (this
 * page's, or one a reloaded page found running), whether one is starting or running, which job
 * a cancel was asked for, `start(begin)` (busy until `begin` settles) and `cancel()`.
 */
export function useJobControl(kind: string) {
  const job = useStore(selectRunningJob(kind))
  const [requested, setRequested] = useState(false)
  const [cancelling, setCancelling] = useState<string | null>(null)
  const start = async (begin: () => Promise<unknown>) => {
    setRequested(true)
    try {
      await begin()
    } finally {
      setRequested(false)
    }
  }
  const cancel = () => {
    if (!job) return
    setCancelling(job.jobId)
    void cancelJob(job.jobId)
  }
  return {
    job,
    busy: job !== undefined || requested,
    cancelling: job !== undefined && cancelling === job.jobId,
    start,
    cancel,
  }
}
