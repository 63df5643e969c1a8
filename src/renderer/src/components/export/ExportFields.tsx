import type { ReportFormat } from '../../../../shared/report/formats'
import { EXPORT_CHOICES } from '../../lib/export-view'
import { PathPicker } from '../files/PathPicker'

/** The formats as radios, each with its one-line explanation (its description). */
export function FormatChoice({
  id,
  format,
  disabled,
  onChange,
}: {
  id: string
  format: ReportFormat
  disabled: boolean
  onChange: (format: ReportFormat) => void
}) {
  return (
    <fieldset className="export-formats" disabled={disabled}>
      <legend className="field-label">What to export</legend>
      {EXPORT_CHOICES.map((choice) => (
        <label key={choice.format} className="export-format">
          <input
            type="radio"
            name={`${id}-format`}
            value={choice.format}
            checked={format === choice.format}
            aria-describedby={`${id}-${choice.format}-about`}
            onChange={() => onChange(choice.format)}
          />
          <span className="export-format-name">{choice.name}</span>
          <span id={`${id}-${choice.format}-about`} className="export-format-about">
            {choice.about}
          </span>
        </label>
      ))}
    </fieldset>
  )
}

/** Browser mode's destination: the browser's download (the default), or a path on this machine. */
export type Destination = 'download' | 'path'

/** Download, or write to a path (typed, or made with the file browser). */
export function DestinationChoice({
  id,
  format,
  destination,
  path,
  error,
  disabled,
  onDestination,
  onPath,
}: {
  id: string
  format: ReportFormat
  destination: Destination
  path: string
  error: string | null
  disabled: boolean
  onDestination: (destination: Destination) => void
  onPath: (path: string) => void
}) {
  return (
    <fieldset disabled={disabled}>
      <legend className="field-label">Where</legend>
      <div className="export-where">
        <label>
          <input
            type="radio"
            name={`${id}-where`}
            checked={destination === 'download'}
            onChange={() => onDestination('download')}
          />
          Download it with the browser
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-where`}
            checked={destination === 'path'}
            onChange={() => onDestination('path')}
          />
          Save it to a path on the computer running the wizard
        </label>
      </div>
      {destination === 'path' ? (
        <PathPicker
          id={`${id}-path`}
          label="Path of the exported file"
          value={path}
          onChange={onPath}
          error={error}
          purpose="export"
          format={format}
          browseLabel="Or choose a folder on the computer running the wizard"
        />
      ) : null}
    </fieldset>
  )
}
