import { useId, useState } from 'react'
import type { MetricDefinition } from '../../../../shared/parity-definitions'
import { saveMetric } from '../../actions/parity-edit-actions'
import {
  emptyMetricForm,
  formToMetric,
  metricToForm,
  type MetricForm,
} from '../../lib/parity-edit-metric'
import { useEditorSave } from '../../hooks/use-editor-save'
import { EditorDialog, fieldDomId, TextField } from './EditorDialog'

const SQL_HINT =
  'One read statement returning the group columns and the value column. Anything else is refused, with the reason, when the comparison runs.'

/**
 * The dashboard-metric editor (a dialog): title, the old and the new query, the group columns,
 * the value column and the tolerance, exactly a `MetricDefinition`. Save checks the form with the
 * project's schema, shows each problem beside its field (focus on the first), and sends
 * `parity.setMetric`.
 */
export function MetricEditor({
  metric,
  takenIds,
  onClose,
}: {
  /** The metric to edit; null adds one. */
  metric: MetricDefinition | null
  /** The ids of the metrics set up, so a new one gets its own. */
  takenIds: ReadonlySet<string>
  onClose: () => void
}) {
  const prefix = useId()
  const [form, setForm] = useState<MetricForm>(() =>
    metric ? metricToForm(metric) : emptyMetricForm(),
  )
  const { formRef, errors, saveError, saving, submit } = useEditorSave(
    () => formToMetric(form, takenIds),
    (value) => saveMetric(value, metric === null),
    onClose,
  )
  const id = (key: string) => fieldDomId(prefix, key)
  const field = (key: keyof MetricForm) => ({
    id: id(key),
    value: form[key],
    error: errors[key],
    onChange: (value: string) => setForm((f) => ({ ...f, [key]: value })),
  })

  return (
    <EditorDialog
      title={metric ? `Edit the dashboard metric “${metric.title}”` : 'Add a dashboard metric'}
      onCancel={onClose}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <TextField label="Title" {...field('title')} />
        <div className="parity-sources">
          <TextField
            label="Old query (couch2pg)"
            mono
            rows={5}
            hint={SQL_HINT}
            {...field('oldSql')}
          />
          <TextField
            label="New query (CHT Sync)"
            mono
            rows={5}
            hint={SQL_HINT}
            {...field('newSql')}
          />
        </div>
        <div className="parity-metric-columns">
          <TextField
            label="Group columns"
            mono
            hint="Comma-separated, up to 4 (form, month); none for one figure."
            {...field('groupColumns')}
          />
          <TextField
            label="Value column"
            mono
            hint="The number compared per group."
            {...field('valueColumn')}
          />
        </div>
        <fieldset className="parity-edit-group">
          <legend className="field-label">Tolerance</legend>
          <p className="hint" id={id('tolerance-hint')}>
            A group matches when its values differ by at most the absolute amount or the relative
            share (either suffices); leave both empty, or 0, for an exact match.
          </p>
          <div className="parity-inline-fields">
            <TextField
              label="Absolute"
              inputMode="decimal"
              className="parity-amount"
              {...field('absolute')}
              error={errors.absolute}
            />
            <TextField
              label="Relative %"
              inputMode="decimal"
              className="parity-amount"
              {...field('relativePercent')}
              id={id('relative')}
              error={errors.relative}
            />
          </div>
        </fieldset>
        {saveError ? (
          <p className="field-error" role="alert">
            {saveError}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {metric ? 'Save' : 'Add the metric'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </EditorDialog>
  )
}
