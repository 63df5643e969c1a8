import { useId, useState, useTransition, type FormEvent } from 'react'
import type { SizingInputs } from '../../../../shared/checks/check-settings'
import { emptyCheckSettings } from '../../../../shared/checks/check-settings'
import { checkResultOf } from '../../../../shared/checks/gate'
import { saveSizing } from '../../actions/check-actions'
import { parseNumberField } from '../../lib/sizing'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { FieldError } from '../common/FieldError'
import { SizingProjection } from './SizingProjection'

type Key = keyof SizingInputs

const FIELDS: readonly {
  key: Key
  label: string
  bounds: { min: number; max: number; integer?: boolean }
  /** Shown value from the stored one (growth is stored as a fraction, typed as a percentage). */
  scale: number
}[] = [
  { key: 'freeDiskGb', label: 'Free disk (GB)', bounds: { min: 0, max: 1_000_000 }, scale: 1 },
  { key: 'memoryGb', label: 'Server memory (GB)', bounds: { min: 0, max: 100_000 }, scale: 1 },
  { key: 'growthPerYear', label: 'Growth per year (%)', bounds: { min: 0, max: 1000 }, scale: 100 },
  { key: 'years', label: 'Years', bounds: { min: 0, max: 30, integer: true }, scale: 1 },
]

const DEFAULTS = emptyCheckSettings().sizing
const REQUIRED: ReadonlySet<Key> = new Set(['growthPerYear', 'years'])

const textOf = (sizing: SizingInputs) =>
  Object.fromEntries(
    FIELDS.map((f) => {
      const value = sizing[f.key]
      return [f.key, value === null ? '' : String(Math.round(value * f.scale * 1000) / 1000)]
    }),
  ) as Record<Key, string>

/** The typed values that are valid, as stored; the others are left out. */
function parsed(text: Record<Key, string>): {
  values: Partial<SizingInputs>
  errors: Partial<Record<Key, string>>
} {
  const values: Partial<SizingInputs> = {}
  const errors: Partial<Record<Key, string>> = {}
  for (const f of FIELDS) {
    const value = parseNumberField(text[f.key], f.bounds)
    if (value === 'invalid' || (value === null && REQUIRED.has(f.key))) {
      const whole = f.bounds.integer ? 'a whole number' : 'a number'
      errors[f.key] =
        `Give ${whole} from ${f.bounds.min} to ${f.bounds.max.toLocaleString('en-US')}.`
    } else {
      ;(values as Record<Key, number | null>)[f.key] = value === null ? null : value / f.scale
    }
  }
  return { values, errors }
}

/**
 * The sizing calculator of the disk item: free disk, memory, growth and years (saved with
 * `checks.setSizing`), and the projection from what `production.sizing` measured, following the
 * fields as they are typed.
 */
export function SizingCalculator() {
  const id = useId()
  const stored = useStore((s) => s.project?.document.checks.sizing) ?? DEFAULTS
  const result = checkResultOf(useStore(selectResults), 'production.sizing')
  const storedKey = JSON.stringify(stored)
  const [shown, setShown] = useState(storedKey)
  const [text, setText] = useState(() => textOf(stored))
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({})
  const [status, setStatus] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  if (shown !== storedKey) {
    setShown(storedKey)
    setText(textOf(stored))
  }
  const live = { ...stored, ...parsed(text).values }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const { values, errors: found } = parsed(text)
    setErrors(found)
    setStatus(null)
    const first = FIELDS.find((f) => found[f.key])
    if (first) {
      document.getElementById(`${id}-${first.key}`)?.focus()
      return
    }
    startTransition(async () => {
      const failure = await saveSizing(values)
      setStatus(failure ? `Could not save: ${failure}` : 'Saved.')
    })
  }

  return (
    <section className="sizing" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="sizing-title">
        Sizing calculator
      </h3>
      <p className="hint">
        The guide’s method: sync a sample, divide by the share synced, add the growth of the coming
        years and 20% for indexes. The old and the new database live side by side during the
        parallel run.
      </p>
      <form className="sizing-form" onSubmit={submit} noValidate>
        {FIELDS.map((f) => {
          const fieldId = `${id}-${f.key}`
          return (
            <div className="field" key={f.key}>
              <label htmlFor={fieldId}>{f.label}</label>
              <input
                id={fieldId}
                className="input input-number"
                inputMode={f.bounds.integer ? 'numeric' : 'decimal'}
                autoComplete="off"
                value={text[f.key]}
                aria-invalid={errors[f.key] ? true : undefined}
                aria-describedby={errors[f.key] ? `${fieldId}-error` : undefined}
                onChange={(e) => setText((t) => ({ ...t, [f.key]: e.target.value }))}
              />
              <FieldError fieldId={fieldId} error={errors[f.key]} />
            </div>
          )
        })}
        <div className="sizing-save">
          <button type="submit" className="button button-small" disabled={pending}>
            Save the sizing inputs
          </button>
          <span className="muted" aria-live="polite">
            {pending ? 'Saving…' : status}
          </span>
        </div>
      </form>
      <SizingProjection
        details={result?.details.kind === 'check' ? result.details : null}
        inputs={live}
      />
    </section>
  )
}
