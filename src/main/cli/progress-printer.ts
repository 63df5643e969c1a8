import { PHASE_LABEL, type JobSnapshot } from '../../shared/jobs'
import type { CliIo } from './io'

/**
 * Progress of a job on stderr: each new phase once, and a counted phase at most every 10 %, so a
 * terminal or a log file gets a few readable lines rather than a flood.
 */
export function progressPrinter(io: CliIo) {
  let lastPhase = ''
  let lastTenth = -1
  return (job: JobSnapshot) => {
    const { phase, done, total, unit, message } = job.progress
    const tenth = total ? Math.floor((done / total) * 10) : -1
    if (phase === lastPhase && tenth <= lastTenth) return
    const counted =
      total && unit
        ? ` ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}`
        : ''
    const detail = message ? ` (${message})` : ''
    if (phase !== lastPhase || counted) io.stderr(`${PHASE_LABEL[phase]}${detail}${counted}…`)
    lastPhase = phase
    lastTenth = tenth
  }
}
