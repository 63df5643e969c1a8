import { useId, useState, useTransition } from 'react'
import type { ModelDefinition } from '../../../../shared/parity-definitions'
import { readBothColumns, saveModel } from '../../actions/parity-edit-actions'
import type { FormErrors } from '../../lib/parity-edit-common'
import { describeSuggestion, suggestMapping } from '../../lib/parity-edit-mapping'
import {
  applySuggestion,
  emptyModelForm,
  formToModel,
  modelToForm,
  NO_TOLERANCE,
  pairRow,
  type ModelForm,
  type SourceForm,
} from '../../lib/parity-edit-model'
import { useEditorSave } from '../../hooks/use-editor-save'
import { EditorDialog, fieldDomId, TextField } from './EditorDialog'
import { ColumnRows, KeyRows, type KnownColumns } from './ModelEditorRows'

const SIDE_LABEL = { old: 'Old side (couch2pg)', new: 'New side (CHT Sync)' } as const

const QUERY_HINT =
  'One read statement: SELECT, or WITH … SELECT. Anything else is refused, with the reason, when the comparison runs.'

/** Where one side is read from: a table or view (schema and name), or a query. */
function SourceFields({
  side,
  prefix,
  value,
  errors,
  onChange,
}: {
  side: 'old' | 'new'
  prefix: string
  value: SourceForm
  errors: FormErrors
  onChange: (value: SourceForm) => void
}) {
  const id = (key: string) => fieldDomId(prefix, `${side}.${key}`)
  const set = (patch: Partial<SourceForm>) => onChange({ ...value, ...patch })
  return (
    <fieldset className="parity-source">
      <legend className="field-label">{SIDE_LABEL[side]}</legend>
      <div
        className="parity-source-kind"
        role="radiogroup"
        aria-label={`${SIDE_LABEL[side]}: read`}
      >
        {(['relation', 'query'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={id('kind')}
              checked={value.kind === kind}
              onChange={() => set({ kind })}
            />{' '}
            {kind === 'relation' ? 'A table or view' : 'A query'}
          </label>
        ))}
      </div>
      {value.kind === 'relation' ? (
        <div className="parity-source-relation">
          <TextField
            id={id('schema')}
            label="Schema"
            value={value.schema}
            mono
            error={errors[`${side}.schema`]}
            onChange={(schema) => set({ schema })}
          />
          <TextField
            id={id('name')}
            label="Table or view name"
            value={value.name}
            mono
            error={errors[`${side}.name`]}
            onChange={(name) => set({ name })}
          />
        </div>
      ) : (
        <TextField
          id={id('sql')}
          label="Query"
          value={value.sql}
          mono
          rows={5}
          hint={QUERY_HINT}
          error={errors[`${side}.sql`]}
          onChange={(sql) => set({ sql })}
        />
      )}
    </fieldset>
  )
}

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']

/**
 * The model-pair editor (a dialog): title, each side as a table or view or a query, key pairs,
 * compared columns with tolerances, and whether both null counts as equal. “Suggest mapping”
 * reads both relations' columns and pairs them; Save checks the form with the project's schema,
 * shows each problem beside its field (focus on the first), and sends `parity.setModel`.
 */
export function ModelEditor({
  model,
  takenIds,
  schemas,
  onClose,
}: {
  /** The pair to edit; null adds one. */
  model: ModelDefinition | null
  /** The ids of the pairs set up, so a new one gets its own. */
  takenIds: ReadonlySet<string>
  /** The usual schema of each side, for a new pair. */
  schemas: { old: string; new: string }
  onClose: () => void
}) {
  const prefix = useId()
  const [form, setForm] = useState<ModelForm>(() =>
    model ? modelToForm(model) : emptyModelForm(schemas),
  )
  const { formRef, errors, saveError, saving, submit } = useEditorSave(
    () => formToModel(form, takenIds),
    (value) => saveModel(value, model === null),
    onClose,
  )
  const [known, setKnown] = useState<KnownColumns | null>(null)
  const [mapping, setMapping] = useState<{ text: string; failed: boolean } | null>(null)
  const [suggesting, startSuggesting] = useTransition()
  const set = (patch: Partial<ModelForm>) => setForm((f) => ({ ...f, ...patch }))

  const bothRelations = form.old.kind === 'relation' && form.new.kind === 'relation'
  const suggest = () => {
    const { old, new: neu } = form
    if (!old.name.trim() || !neu.name.trim() || !old.schema.trim() || !neu.schema.trim()) {
      setMapping({ text: 'Give both sides’ schema and table or view first.', failed: true })
      return
    }
    startSuggesting(async () => {
      const ref = (s: SourceForm) => ({ schema: s.schema.trim(), name: s.name.trim() })
      const read = await readBothColumns(ref(old), ref(neu))
      if (!read.ok) {
        setMapping({ text: read.message, failed: true })
        return
      }
      const suggestion = suggestMapping(read.old, read.new)
      setKnown({ old: read.old, new: read.new })
      setForm((f) => ({
        ...applySuggestion(f, suggestion),
        title: f.title.trim() ? f.title : `${ref(old).name} → ${ref(neu).name}`,
      }))
      setMapping({ text: describeSuggestion(suggestion), failed: false })
    })
  }

  return (
    <EditorDialog
      title={model ? `Edit the model pair “${model.title}”` : 'Add a model pair'}
      onCancel={onClose}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <TextField
          id={fieldDomId(prefix, 'title')}
          label="Title"
          value={form.title}
          error={errors.title}
          onChange={(title) => set({ title })}
        />
        <div className="parity-sources">
          {(['old', 'new'] as const).map((side) => (
            <SourceFields
              key={side}
              side={side}
              prefix={prefix}
              value={form[side]}
              errors={errors}
              onChange={(value) => set(side === 'old' ? { old: value } : { new: value })}
            />
          ))}
        </div>
        <div className="parity-suggest">
          <button
            type="button"
            className="button"
            onClick={suggest}
            disabled={!bothRelations || suggesting}
            aria-describedby={`${prefix}-suggest-hint`}
          >
            Suggest mapping
          </button>
          <p id={`${prefix}-suggest-hint`} className="hint">
            {bothRelations
              ? 'Reads both columns lists and pairs them by name, then by the usual couch2pg → CHT Sync renames; it replaces the column rows below.'
              : 'Suggestions read a table or view on each side; for a query, type the columns.'}
          </p>
          <p role="status" className={mapping?.failed ? 'field-error' : 'muted'}>
            {suggesting ? 'Reading both sides’ columns…' : (mapping?.text ?? '')}
          </p>
        </div>
        <fieldset className="parity-edit-group">
          <legend className="field-label">Key columns</legend>
          <p className="hint">Rows of the two sides are matched by these columns.</p>
          <KeyRows
            prefix={prefix}
            rows={form.keys}
            errors={errors}
            known={known}
            onChange={(keys) => set({ keys })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => set({ keys: [...form.keys, pairRow()] })}
          >
            Add a key column
          </button>
        </fieldset>
        <fieldset className="parity-edit-group">
          <legend className="field-label">Compared columns</legend>
          {form.columns.length === 0 ? (
            <p className="hint">No column is compared yet: only which keys each side has.</p>
          ) : null}
          <ColumnRows
            prefix={prefix}
            rows={form.columns}
            errors={errors}
            known={known}
            onChange={(columns) => set({ columns })}
          />
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              set({ columns: [...form.columns, { ...pairRow(), tolerance: NO_TOLERANCE }] })
            }
          >
            Add a column
          </button>
        </fieldset>
        <label className="parity-check">
          <input
            type="checkbox"
            checked={form.nullEqualsNull}
            aria-describedby={`${prefix}-nulls-hint`}
            onChange={(e) => set({ nullEqualsNull: e.target.checked })}
          />{' '}
          Null equals null
        </label>
        <p id={`${prefix}-nulls-hint`} className="hint">
          A value null on both sides counts as a match; clear it to report such rows as differences.
        </p>
        <datalist id={`${prefix}-old-columns`}>
          {known?.old.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <datalist id={`${prefix}-new-columns`}>
          {known?.new.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
        <datalist id="parity-time-zones">
          {TIME_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {saveError ? (
          <p className="field-error" role="alert">
            {saveError}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {model ? 'Save' : 'Add the pair'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </EditorDialog>
  )
}
