import { useId, useState, useTransition, type FormEvent } from 'react'
import { paritySettingsSchema } from '../../../../shared/parity-definitions'
import { saveGreenDays } from '../../actions/parity-edit-actions'
import { daysText } from '../../lib/parity-view'
import { FieldError } from '../common/FieldError'

const daysSchema = paritySettingsSchema.shape.greenDaysRequired

/**
 * “Green days required”: how many consecutive days every comparison must pass before teardown
 * (1–365), with the current value; Save sends `parity.setGreenDays`. A change of the current
 * value (saved here, or elsewhere) resets the field to it.
 */
export function GreenDaysSetting({ current }: { current: number }) {
  const id = useId()
  const [text, setText] = useState(String(current))
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  // A change saved here or elsewhere (another window, the CLI) becomes the field's value.
  const [shown, setShown] = useState(current)
  if (shown !== current) {
    setShown(current)
    setText(String(current))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setStatus(null)
    const trimmed = text.trim()
    const parsed = daysSchema.safeParse(/^\d+$/.test(trimmed) ? Number(trimmed) : NaN)
    if (!parsed.success) {
      setError('Give a whole number of days from 1 to 365.')
      return
    }
    setError(null)
    if (parsed.data === current) {
      setStatus(`Unchanged: ${daysText(current)}.`)
      return
    }
    startTransition(async () => {
      const failure = await saveGreenDays(parsed.data)
      if (failure) setError(failure)
      else setStatus(`Saved: ${daysText(parsed.data)}.`)
    })
  }

  return (
    <form onSubmit={submit} noValidate className="parity-green-days">
      <div className="field">
        <label htmlFor={id}>Green days required before teardown</label>
        <p id={`${id}-hint`} className="hint">
          Consecutive days every comparison must pass; now {daysText(current)}. From 1 to 365.
        </p>
        <div className="parity-inline-form">
          <input
            id={id}
            type="number"
            min={1}
            max={365}
            step={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="input input-number"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          />
          <button type="submit" className="button" disabled={pending}>
            Save green days
          </button>
          {/* Live, not role=status: the page's one status here is the suggestions'. */}
          <p aria-live="polite" className="muted parity-status">
            {pending ? 'Saving…' : status}
          </p>
        </div>
        <FieldError fieldId={id} error={error} />
      </div>
    </form>
  )
}
