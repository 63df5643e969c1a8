import {
  modelDefinitionSchema,
  type ModelDefinition,
  type ModelSourceDefinition,
} from '../../../shared/parity-definitions'
import {
  addError,
  issueText,
  newComparisonId,
  nextRowId,
  parseAmount,
  percentText,
  shareOf,
  type FormErrors,
  type FormOutcome,
} from './parity-edit-common'
import type { MappingSuggestion } from './parity-edit-mapping'

/**
 * The model-pair editor as plain data: the form's fields (text as typed, rows with ids) and the
 * conversions to and from a `ModelDefinition`. The definition is checked with the project's own
 * schema (`modelDefinitionSchema.safeParse`), its issues placed beside the fields they concern.
 */

export type Tolerance = NonNullable<ModelDefinition['columns'][number]['tolerance']>
export type TimeUnit = NonNullable<Tolerance['unit']>
export const TIME_UNITS: readonly TimeUnit[] = ['second', 'minute', 'hour', 'day']

/** Which family of tolerance a column row uses (each shows its own fields). */
export type ToleranceKind = 'none' | 'number' | 'time' | 'text'

export interface ToleranceForm {
  kind: ToleranceKind
  absolute: string
  /** Percent as typed (`5` for 5%); the definition stores the share (0.05). */
  relativePercent: string
  /** '' compares to the instant. */
  unit: TimeUnit | ''
  timeZone: string
  trim: boolean
  ignoreCase: boolean
}

export interface SourceForm {
  kind: 'relation' | 'query'
  schema: string
  name: string
  sql: string
}

export interface PairRow {
  rowId: string
  old: string
  new: string
}

export interface ColumnRow extends PairRow {
  tolerance: ToleranceForm
}

export interface ModelForm {
  /** Empty for a new pair: made from the title when saved. */
  id: string
  title: string
  old: SourceForm
  new: SourceForm
  keys: PairRow[]
  columns: ColumnRow[]
  nullEqualsNull: boolean
}

export const NO_TOLERANCE: ToleranceForm = {
  kind: 'none',
  absolute: '',
  relativePercent: '',
  unit: '',
  timeZone: '',
  trim: false,
  ignoreCase: false,
}

/** A tolerance as the form shows it (its family from the fields it sets). */
export function toleranceToForm(t: Tolerance | undefined): ToleranceForm {
  if (!t) return NO_TOLERANCE
  const base: ToleranceForm = {
    ...NO_TOLERANCE,
    absolute: t.absolute === undefined ? '' : String(t.absolute),
    relativePercent: percentText(t.relative),
    unit: t.unit ?? '',
    timeZone: t.timeZone ?? '',
    trim: t.trim ?? false,
    ignoreCase: t.ignoreCase ?? false,
  }
  if (t.absolute !== undefined || t.relative !== undefined) return { ...base, kind: 'number' }
  if (t.unit !== undefined || t.timeZone) return { ...base, kind: 'time' }
  if (t.trim || t.ignoreCase) return { ...base, kind: 'text' }
  return NO_TOLERANCE
}

/**
 * The tolerance of a row, or undefined for an exact comparison; problems of typed numbers go
 * to `errors` under `<field>.absolute` / `<field>.relative`.
 */
export function toleranceFromForm(
  t: ToleranceForm,
  field: string,
  errors: FormErrors,
): Tolerance | undefined {
  if (t.kind === 'number') {
    const absolute = parseAmount(t.absolute)
    const percent = parseAmount(t.relativePercent)
    if (Number.isNaN(absolute))
      addError(errors, `${field}.absolute`, 'Give a number, such as 0.01.')
    if (Number.isNaN(percent))
      addError(errors, `${field}.relative`, 'Give a percentage, such as 1.')
    if (absolute === undefined && percent === undefined) {
      addError(
        errors,
        `${field}.absolute`,
        'Give an absolute or a relative tolerance, or choose Exact.',
      )
    }
    return {
      ...(absolute === undefined ? {} : { absolute }),
      ...(percent === undefined || Number.isNaN(percent) ? {} : { relative: shareOf(percent) }),
    }
  }
  if (t.kind === 'time') {
    const zone = t.timeZone.trim()
    const time = { ...(t.unit ? { unit: t.unit } : {}), ...(zone ? { timeZone: zone } : {}) }
    return Object.keys(time).length > 0 ? time : undefined
  }
  if (t.kind === 'text') {
    const text = {
      ...(t.trim ? { trim: true } : {}),
      ...(t.ignoreCase ? { ignoreCase: true } : {}),
    }
    return Object.keys(text).length > 0 ? text : undefined
  }
  return undefined
}

const sourceToForm = (s: ModelSourceDefinition): SourceForm =>
  s.kind === 'relation'
    ? { kind: 'relation', schema: s.schema, name: s.name, sql: '' }
    : { kind: 'query', schema: '', name: '', sql: s.sql }

const sourceFromForm = (s: SourceForm): ModelSourceDefinition =>
  s.kind === 'relation'
    ? { kind: 'relation', schema: s.schema.trim(), name: s.name.trim() }
    : { kind: 'query', sql: s.sql.trim() }

export const pairRow = (old = '', neu = ''): PairRow => ({ rowId: nextRowId(), old, new: neu })

export const columnRow = (c: ModelDefinition['columns'][number]): ColumnRow => ({
  ...pairRow(c.old, c.new),
  tolerance: toleranceToForm(c.tolerance),
})

/** A definition as the editor's form. */
export function modelToForm(model: ModelDefinition): ModelForm {
  return {
    id: model.id,
    title: model.title,
    old: sourceToForm(model.old),
    new: sourceToForm(model.new),
    keys: model.keys.map((k) => pairRow(k.old, k.new)),
    columns: model.columns.map(columnRow),
    nullEqualsNull: model.nullEqualsNull,
  }
}

/** The form of a new pair: relations in the sides' usual schemas, one empty key row. */
export function emptyModelForm(schemas: { old: string; new: string }): ModelForm {
  return {
    id: '',
    title: '',
    old: { kind: 'relation', schema: schemas.old, name: '', sql: '' },
    new: { kind: 'relation', schema: schemas.new, name: '', sql: '' },
    keys: [pairRow()],
    columns: [],
    nullEqualsNull: true,
  }
}

/**
 * Puts a suggested mapping into the form: its column pairs replace the rows, and its key is
 * used when no key is typed yet (a typed key is kept, and left out of the column rows).
 */
export function applySuggestion(form: ModelForm, suggestion: MappingSuggestion): ModelForm {
  const typed = form.keys.filter((k) => k.old.trim() !== '' || k.new.trim() !== '')
  const keys = typed.length > 0 ? typed : suggestion.keys.map((k) => pairRow(k.old, k.new))
  const isKey = (c: { old: string; new: string }) =>
    keys.some((k) => k.old.trim() === c.old && k.new.trim() === c.new)
  return {
    ...form,
    keys: keys.length > 0 ? keys : [pairRow()],
    columns: suggestion.columns.filter((c) => !isKey(c)).map(columnRow),
  }
}

const blank = (row: PairRow) => row.old.trim() === '' && row.new.trim() === ''

/** Where a schema issue's path is shown: the id of a field of the form. */
function fieldOf(path: readonly PropertyKey[], keys: PairRow[], columns: ColumnRow[]): string {
  const [head, index, leaf, detail] = path
  if (head === 'old' || head === 'new') {
    return typeof index === 'string' && index !== 'kind' ? `${head}.${index}` : `${head}.kind`
  }
  if ((head === 'keys' || head === 'columns') && typeof index === 'number') {
    const row = (head === 'keys' ? keys : columns)[index]
    if (!row) return head
    if (leaf === 'tolerance') {
      const known = detail === 'absolute' || detail === 'relative' || detail === 'timeZone'
      return `${head}.${row.rowId}.${known ? detail : 'tolerance'}`
    }
    return `${head}.${row.rowId}.${leaf === 'new' ? 'new' : 'old'}`
  }
  if (head === 'id') return 'title'
  return typeof head === 'string' ? head : 'form'
}

/**
 * The definition the form describes, or the problems to fix, by field id (`title`,
 * `old.schema`, `keys.<rowId>.old`, `columns.<rowId>.relative`…). Rows left blank on both sides
 * are dropped. A new pair's id comes from its title, unique among `takenIds`.
 */
export function formToModel(
  form: ModelForm,
  takenIds: ReadonlySet<string>,
): FormOutcome<ModelDefinition> {
  const errors: FormErrors = {}
  const title = form.title.trim()
  if (title === '') addError(errors, 'title', 'Give the pair a title.')
  const keys = form.keys.filter((k) => !blank(k))
  const columns = form.columns.filter((c) => !blank(c))
  const seen = new Set<string>()
  for (const c of columns) {
    const pair = `${c.old.trim()}\u001f${c.new.trim()}`
    if (seen.has(pair))
      addError(errors, `columns.${c.rowId}.old`, 'This pair is already mapped above.')
    seen.add(pair)
  }
  const candidate = {
    id: form.id || newComparisonId(title, takenIds, 'model'),
    title,
    old: sourceFromForm(form.old),
    new: sourceFromForm(form.new),
    keys: keys.map((k) => ({ old: k.old.trim(), new: k.new.trim() })),
    columns: columns.map((c) => {
      const tolerance = toleranceFromForm(c.tolerance, `columns.${c.rowId}`, errors)
      return { old: c.old.trim(), new: c.new.trim(), ...(tolerance ? { tolerance } : {}) }
    }),
    nullEqualsNull: form.nullEqualsNull,
  }
  const parsed = modelDefinitionSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path, keys, columns)
      const first = form.keys[0]
      if (field === 'keys' && issue.code === 'too_small' && first) {
        // Shown on the first key row: the form always has one.
        addError(errors, `keys.${first.rowId}.old`, 'Give a key column pair to match rows by.')
        continue
      }
      const tooBig = field.endsWith('.relative') && issue.code === 'too_big'
      addError(errors, field, tooBig ? 'At most 100%.' : issueText(issue))
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, value: parsed.data }
}
