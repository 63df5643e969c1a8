import type { FormErrors } from '../../lib/parity-edit-common'
import { compatibleTypes, type CatalogColumn } from '../../lib/parity-edit-mapping'
import {
  TIME_UNITS,
  type ColumnRow,
  type PairRow,
  type ToleranceForm,
  type ToleranceKind,
} from '../../lib/parity-edit-model'
import { FieldError } from '../common/FieldError'
import { fieldDomId, TextField } from './EditorDialog'

/**
 * The rows of the model-pair editor: key pairs (`old = new`) and compared columns with their
 * tolerances. Each input is labelled (visibly by its column header, and by name for assistive
 * technology), and each row's problems are shown beside it.
 */

/** Both sides' columns once read (“Suggest mapping”), for the name lists and type hints. */
export interface KnownColumns {
  old: CatalogColumn[]
  new: CatalogColumn[]
}

interface RowsProps<R extends PairRow> {
  prefix: string
  rows: R[]
  errors: FormErrors
  known: KnownColumns | null
  onChange: (rows: R[]) => void
}

const typeOf = (columns: CatalogColumn[] | undefined, name: string) =>
  columns?.find((c) => c.name === name.trim())?.type

/** The two sides' types of a row, and whether they compare; nothing until columns were read. */
function TypeHint({ known, row }: { known: KnownColumns | null; row: PairRow }) {
  const old = typeOf(known?.old, row.old)
  const neu = typeOf(known?.new, row.new)
  if (!old && !neu) return null
  const clash = old && neu && !compatibleTypes(old, neu)
  return (
    <p className={`parity-type-hint${clash ? ' parity-type-clash' : ''}`}>
      {old ?? 'not in old'} → {neu ?? 'not in new'}
      {clash ? ' (types differ: compared as text)' : ''}
    </p>
  )
}

function replace<R>(rows: R[], index: number, row: R): R[] {
  return rows.map((r, i) => (i === index ? row : r))
}

/** The key column pairs: `old = new`, add and remove. */
export function KeyRows({ prefix, rows, errors, known, onChange }: RowsProps<PairRow>) {
  const id = (key: string) => fieldDomId(prefix, key)
  return (
    <>
      <div className="parity-key-row parity-rows-head" aria-hidden="true">
        <span>Old column</span>
        <span />
        <span>New column</span>
      </div>
      <ol className="parity-edit-rows" aria-label="Key column pairs">
        {rows.map((row, i) => (
          <li key={row.rowId} className="parity-key-row">
            <TextField
              id={id(`keys.${row.rowId}.old`)}
              label={`Key ${i + 1}: old column`}
              hideLabel
              value={row.old}
              mono
              list={`${prefix}-old-columns`}
              error={errors[`keys.${row.rowId}.old`]}
              onChange={(old) => onChange(replace(rows, i, { ...row, old }))}
            />
            <span className="parity-equals" aria-hidden="true">
              =
            </span>
            <TextField
              id={id(`keys.${row.rowId}.new`)}
              label={`Key ${i + 1}: new column`}
              hideLabel
              value={row.new}
              mono
              list={`${prefix}-new-columns`}
              error={errors[`keys.${row.rowId}.new`]}
              onChange={(neu) => onChange(replace(rows, i, { ...row, new: neu }))}
            />
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={`Remove key ${i + 1}`}
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((r) => r !== row))}
            >
              Remove
            </button>
            <TypeHint known={known} row={row} />
          </li>
        ))}
      </ol>
    </>
  )
}

const KIND_OPTIONS: { value: ToleranceKind; label: string }[] = [
  { value: 'none', label: 'Exact' },
  { value: 'number', label: 'Numbers within…' },
  { value: 'time', label: 'Times to the…' },
  { value: 'text', label: 'Text ignoring…' },
]

/** The fields of one row's tolerance, by its family. */
function ToleranceFields({
  id,
  label,
  field,
  value,
  errors,
  onChange,
}: {
  id: (key: string) => string
  label: string
  field: string
  value: ToleranceForm
  errors: FormErrors
  onChange: (value: ToleranceForm) => void
}) {
  const set = (patch: Partial<ToleranceForm>) => onChange({ ...value, ...patch })
  const kindId = id(`${field}.kind`)
  return (
    <div className="parity-tolerance">
      <div className="field">
        <label htmlFor={kindId} className="visually-hidden">
          {`${label}: tolerance`}
        </label>
        <select
          id={kindId}
          className="input input-small"
          value={value.kind}
          onChange={(e) => set({ kind: e.target.value as ToleranceKind })}
        >
          {KIND_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {value.kind === 'number' ? (
        <>
          <span aria-hidden="true">±</span>
          <TextField
            id={id(`${field}.absolute`)}
            label={`${label}: absolute tolerance`}
            hideLabel
            value={value.absolute}
            inputMode="decimal"
            className="parity-amount"
            error={errors[`${field}.absolute`]}
            onChange={(absolute) => set({ absolute })}
          />
          <span aria-hidden="true">or</span>
          <TextField
            id={id(`${field}.relative`)}
            label={`${label}: relative tolerance in percent`}
            hideLabel
            value={value.relativePercent}
            inputMode="decimal"
            className="parity-amount"
            error={errors[`${field}.relative`]}
            onChange={(relativePercent) => set({ relativePercent })}
          />
          <span aria-hidden="true">%</span>
        </>
      ) : null}
      {value.kind === 'time' ? (
        <>
          <div className="field">
            <label htmlFor={id(`${field}.unit`)} className="visually-hidden">
              {`${label}: time unit`}
            </label>
            <select
              id={id(`${field}.unit`)}
              className="input"
              value={value.unit}
              onChange={(e) => set({ unit: e.target.value as ToleranceForm['unit'] })}
            >
              <option value="">instant</option>
              {TIME_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </div>
          <span aria-hidden="true">in</span>
          <TextField
            id={id(`${field}.timeZone`)}
            label={`${label}: time zone`}
            hideLabel
            value={value.timeZone}
            placeholder="UTC"
            list="parity-time-zones"
            className="parity-zone"
            error={errors[`${field}.timeZone`]}
            onChange={(timeZone) => set({ timeZone })}
          />
        </>
      ) : null}
      {value.kind === 'text' ? (
        <fieldset className="parity-checks">
          <legend className="visually-hidden">{`${label}: text tolerance`}</legend>
          <label>
            <input
              type="checkbox"
              checked={value.trim}
              onChange={(e) => set({ trim: e.target.checked })}
            />{' '}
            surrounding spaces
          </label>
          <label>
            <input
              type="checkbox"
              checked={value.ignoreCase}
              onChange={(e) => set({ ignoreCase: e.target.checked })}
            />{' '}
            case
          </label>
        </fieldset>
      ) : null}
      <FieldError fieldId={id(`${field}.tolerance`)} error={errors[`${field}.tolerance`]} />
    </div>
  )
}

/** The compared columns: old, new and tolerance per row; add and remove. */
export function ColumnRows({ prefix, rows, errors, known, onChange }: RowsProps<ColumnRow>) {
  const id = (key: string) => fieldDomId(prefix, key)
  return (
    <>
      <div className="parity-column-row parity-rows-head" aria-hidden="true">
        <span>Old column</span>
        <span>New column</span>
        <span>Counts as equal</span>
      </div>
      <ol className="parity-edit-rows" aria-label="Compared columns">
        {rows.map((row, i) => {
          const label = `Column ${i + 1}`
          const field = `columns.${row.rowId}`
          return (
            <li key={row.rowId} className="parity-column-row">
              <TextField
                id={id(`${field}.old`)}
                label={`${label}: old`}
                hideLabel
                value={row.old}
                mono
                list={`${prefix}-old-columns`}
                error={errors[`${field}.old`]}
                onChange={(old) => onChange(replace(rows, i, { ...row, old }))}
              />
              <TextField
                id={id(`${field}.new`)}
                label={`${label}: new`}
                hideLabel
                value={row.new}
                mono
                list={`${prefix}-new-columns`}
                error={errors[`${field}.new`]}
                onChange={(neu) => onChange(replace(rows, i, { ...row, new: neu }))}
              />
              <ToleranceFields
                id={id}
                label={label}
                field={field}
                value={row.tolerance}
                errors={errors}
                onChange={(tolerance) => onChange(replace(rows, i, { ...row, tolerance }))}
              />
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove column ${i + 1}`}
                onClick={() => onChange(rows.filter((r) => r !== row))}
              >
                Remove
              </button>
              <TypeHint known={known} row={row} />
            </li>
          )
        })}
      </ol>
    </>
  )
}
