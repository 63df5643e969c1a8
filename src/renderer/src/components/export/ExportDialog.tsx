import { useId, useRef, useState, type FormEvent } from 'react'
import type { OpInput } from '../../../../shared/contract'
import type { ReportFormat } from '../../../../shared/report/formats'
import { cancelJob } from '../../actions/job-actions'
import { deliverExport, runExport } from '../../actions/report-actions'
import { baseName, joinPath } from '../../lib/format'
import { exportChoice, suggestedExportPath } from '../../lib/export-view'
import { useStore } from '../../store'
import { DemoFolderWarning } from '../dialogs/DemoFolderWarning'
import { Modal } from '../dialogs/Modal'
import { JobProgressView } from '../jobs/JobProgressView'
import { pathToSend } from '../files/PathPicker'
import { DestinationChoice, FormatChoice, type Destination } from './ExportFields'

/** A typed path the engine answered `DEMO_FOLDER` for: it waits for the person's decision. */
interface Warning {
  path: string
  demoDir: string
}

/**
 * “Export the plan”: the format (plan PDF, plan data JSON, Markdown summary, or the inventory,
 * checks or parity table as CSV, each explained in a line), then `report.export` as a job with
 * its progress and Cancel. The desktop app asks where with its save dialog; browser mode
 * downloads the file (or writes it to a path, typed or made with the file browser, with the demo
 * folder's warning).
 */
export function ExportDialog({ initialFormat }: { initialFormat?: ReportFormat }) {
  const id = useId()
  const closeDialog = useStore((s) => s.closeDialog)
  const native = useStore((s) => s.info?.nativeDialogs ?? false)
  const project = useStore((s) => s.project)
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const [format, setFormat] = useState<ReportFormat>(initialFormat ?? 'pdf')
  const [destination, setDestination] = useState<Destination>('download')
  const [path, setPath] = useState(() => suggestedExportPath(format, project, defaultDir))
  const [running, setRunning] = useState(false)
  const [jobId, setJobId] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const cancelAsked = useRef(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [pathError, setPathError] = useState<string | null>(null)
  const [warning, setWarning] = useState<Warning | null>(null)
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined))
  const toPath = !native && destination === 'path'

  const chooseFormat = (next: ReportFormat) => {
    // A path still as suggested follows the format; a typed one stays.
    if (path === suggestedExportPath(format, project, defaultDir)) {
      setPath(suggestedExportPath(next, project, defaultDir))
    }
    setFormat(next)
  }

  const run = async (target: string | null, allowDemoFolder: boolean) => {
    const input: OpInput<'report.export'> = native
      ? { format }
      : target === null
        ? { format, download: true }
        : { format, path: target, ...(allowDemoFolder ? { allowDemoFolder: true } : {}) }
    setFailure(null)
    setPathError(null)
    setWarning(null)
    setCancelling(false)
    cancelAsked.current = false
    setRunning(true)
    const outcome = await runExport(input, setJobId)
    setRunning(false)
    setJobId(null)
    if (outcome.ok) {
      deliverExport(format, outcome.value)
      closeDialog()
      return
    }
    const { code, message, details } = outcome.error
    if (code === 'CANCELLED') {
      // A dismissed save dialog says nothing; a cancelled job says that nothing was written.
      if (cancelAsked.current || !native) {
        setFailure('The export was cancelled; nothing was written.')
      }
      return
    }
    if (code === 'DEMO_FOLDER' && target !== null && !allowDemoFolder) {
      setWarning({
        path: target,
        demoDir: typeof details?.demoDir === 'string' ? details.demoDir : '',
      })
      return
    }
    if (target !== null) setPathError(message)
    else setFailure(`The export failed: ${message}`)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (toPath) {
      if (!path.trim()) {
        setPathError('Give the path of the file.')
        document.getElementById(`${id}-path`)?.focus()
        return
      }
      void run(pathToSend(path, defaultDir), false)
      return
    }
    void run(null, false)
  }

  const cancel = () => {
    if (!running) {
      closeDialog()
      return
    }
    if (!jobId || cancelling) return
    cancelAsked.current = true
    setCancelling(true)
    void cancelJob(jobId)
  }

  const choice = exportChoice(format)
  const action = native ? 'Export…' : toPath ? 'Export' : 'Download'
  return (
    <Modal
      title="Export the plan"
      onCancel={cancel}
      describedBy={`${id}-about`}
      className="export-dialog"
    >
      {() =>
        warning ? (
          <DemoFolderWarning
            kind="export"
            path={warning.path}
            demoDir={warning.demoDir}
            pending={running}
            onElsewhere={() => {
              setPath(joinPath(defaultDir, baseName(warning.path)))
              setWarning(null)
              setDestination('path')
            }}
            onProceed={() => void run(warning.path, true)}
          />
        ) : (
          <form onSubmit={submit} noValidate className="export-form" data-testid="export-dialog">
            <p id={`${id}-about`} className="muted">
              Made from the project alone; no database is contacted.{' '}
              {native
                ? 'You choose where to save the file next.'
                : 'The browser downloads the file, or the wizard writes it to a path you give.'}
            </p>
            <FormatChoice id={id} format={format} disabled={running} onChange={chooseFormat} />
            {native ? null : (
              <DestinationChoice
                id={id}
                format={format}
                destination={destination}
                path={path}
                error={pathError}
                disabled={running}
                onDestination={setDestination}
                onPath={setPath}
              />
            )}
            {running ? (
              <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix={`${id}-job`} />
            ) : null}
            {failure ? (
              <p className="field-error" role="alert">
                {failure}
              </p>
            ) : null}
            <div className="modal-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={running}
                aria-label={`${action.replace('…', '')} ${choice.noun}`}
              >
                {action}
              </button>
              <button
                type="button"
                className="button"
                disabled={running && (!jobId || cancelling)}
                onClick={cancel}
              >
                {running ? 'Cancel the export' : 'Close'}
              </button>
            </div>
          </form>
        )
      }
    </Modal>
  )
}
