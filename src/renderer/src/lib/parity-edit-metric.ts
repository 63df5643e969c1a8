import { metricDefinitionSchema, type MetricDefinition } from '../../../shared/parity-definitions'
import {
  addError,
  issueText,
  newComparisonId,
  parseAmount,
  percentText,
  shareOf,
  type FormErrors,
  type FormOutcome,
} from './parity-edit-common'

/**
 * The dashboard-metric editor as plain data: the form's fields as typed and the conversions to
 * and from a `MetricDefinition`, checked with the project's own schema
 * (`metricDefinitionSchema.safeParse`).
 */

export interface MetricForm {
  /** Empty for a new metric: made from the title when saved. */
  id: string
  title: string
  oldSql: string
  newSql: string
  /** Comma-separated, as typed: `form, month`. */
  groupColumns: string
  valueColumn: string
  absolute: string
  /** Percent as typed (`5` for 5%); the definition stores the share (0.05). */
  relativePercent: string
}

/** A definition as the editor's form. */
export function metricToForm(metric: MetricDefinition): MetricForm {
  return {
    id: metric.id,
    title: metric.title,
    oldSql: metric.oldSql,
    newSql: metric.newSql,
    groupColumns: metric.groupColumns.join(', '),
    valueColumn: metric.valueColumn,
    absolute: metric.tolerance.absolute === undefined ? '' : String(metric.tolerance.absolute),
    relativePercent: percentText(metric.tolerance.relative),
  }
}

/** The form of a new metric: exact (an absolute tolerance of 0), value column `n`. */
export const emptyMetricForm = (): MetricForm => ({
  id: '',
  title: '',
  oldSql: '',
  newSql: '',
  groupColumns: '',
  valueColumn: 'n',
  absolute: '0',
  relativePercent: '',
})

/** `form, month` → `['form', 'month']`: trimmed, blanks dropped. */
export const splitColumns = (text: string): string[] =>
  text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')

const FIELDS = ['title', 'oldSql', 'newSql', 'groupColumns', 'valueColumn'] as const

/**
 * The definition the form describes, or the problems to fix by field id (`title`, `oldSql`,
 * `groupColumns`, `absolute`, `relative`…). A new metric's id comes from its title, unique
 * among `takenIds`.
 */
export function formToMetric(
  form: MetricForm,
  takenIds: ReadonlySet<string>,
): FormOutcome<MetricDefinition> {
  const errors: FormErrors = {}
  const title = form.title.trim()
  if (title === '') addError(errors, 'title', 'Give the metric a title.')
  const absolute = parseAmount(form.absolute)
  const percent = parseAmount(form.relativePercent)
  if (Number.isNaN(absolute)) addError(errors, 'absolute', 'Give a number, such as 0 or 2.')
  if (Number.isNaN(percent)) addError(errors, 'relative', 'Give a percentage, such as 1.')
  const groupColumns = splitColumns(form.groupColumns)
  const candidate = {
    id: form.id || newComparisonId(title, takenIds, 'metric'),
    title,
    oldSql: form.oldSql.trim(),
    newSql: form.newSql.trim(),
    groupColumns,
    valueColumn: form.valueColumn.trim(),
    tolerance: {
      ...(absolute === undefined || Number.isNaN(absolute) ? {} : { absolute }),
      ...(percent === undefined || Number.isNaN(percent) ? {} : { relative: shareOf(percent) }),
    },
  }
  if (new Set(groupColumns).size < groupColumns.length) {
    addError(errors, 'groupColumns', 'Name each group column once.')
  }
  const parsed = metricDefinitionSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path
      if (head === 'tolerance') {
        const field = index === 'relative' ? 'relative' : 'absolute'
        const tooBig = field === 'relative' && issue.code === 'too_big'
        addError(errors, field, tooBig ? 'At most 100%.' : issueText(issue))
      } else if (head === 'groupColumns' && typeof index === 'number') {
        addError(errors, 'groupColumns', `“${groupColumns[index] ?? ''}”: ${issueText(issue)}`)
      } else if (head === 'groupColumns' && issue.code === 'too_big') {
        addError(errors, 'groupColumns', `At most ${String(issue.maximum)} group columns.`)
      } else {
        const field = FIELDS.find((f) => f === head) ?? 'title'
        addError(errors, field, issueText(issue))
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, value: parsed.data }
}
