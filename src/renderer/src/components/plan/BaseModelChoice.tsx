import { PIPELINE_MODELS } from '../../../../shared/inventory/cht-pipeline-models'
import { FieldError } from '../common/FieldError'

/**
 * The cht-pipeline models a “replace” decision points to, as checkboxes with what each holds;
 * those the mapping found are marked, and start chosen.
 */
export function BaseModelChoice({
  id,
  chosen,
  mapped,
  error,
  onChange,
}: {
  id: string
  chosen: readonly string[]
  mapped: readonly string[]
  error: string | undefined
  onChange: (models: string[]) => void
}) {
  const toggle = (name: string, on: boolean) =>
    onChange(
      on
        ? PIPELINE_MODELS.map((m) => m.name).filter((n) => n === name || chosen.includes(n))
        : chosen.filter((n) => n !== name),
    )
  return (
    <fieldset className="inventory-models" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">Base models that replace it</legend>
      <ul className="inventory-model-list">
        {PIPELINE_MODELS.map((m, i) => (
          <li key={m.name}>
            <label className="inventory-model">
              <input
                id={i === 0 ? id : undefined}
                type="checkbox"
                checked={chosen.includes(m.name)}
                aria-describedby={`${id}-${m.name}`}
                onChange={(e) => toggle(m.name, e.currentTarget.checked)}
              />
              <code>{m.name}</code>
              {mapped.includes(m.name) ? <span className="badge badge-info">mapped</span> : null}
            </label>
            <span id={`${id}-${m.name}`} className="hint inventory-model-summary">
              {m.summary}
            </span>
          </li>
        ))}
      </ul>
      <FieldError fieldId={id} error={error} />
    </fieldset>
  )
}
