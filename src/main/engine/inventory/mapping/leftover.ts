import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import type { BaseModelChoice } from './base-models'
import { isCovered, isFormField } from './doc-paths'

/** How many names a sentence lists before "and N more". */
export const LISTED_NAMES = 3

/** `a, b, c and 9 more`, `a and b`, `a`. */
export function listSome(items: readonly string[], max = LISTED_NAMES): string {
  if (items.length <= 1) return items.join('')
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

/** The JSON paths an object reads that none of `models` covers, in the analysis' order. */
export function uncoveredPaths(object: InventoryObject, models: readonly string[]): string[] {
  return (object.analysis?.jsonPaths ?? []).filter((p) => !isCovered(p, models))
}

/**
 * What no base model covers for a custom object, in sentences (clipped to a stored line), or
 * null when the chosen base models cover all it reads: form fields (each form a
 * `cht_form_model`), document types without a base model, other JSON paths, and what cannot be
 * known (a table's data, a definition that could not be read or parsed).
 */
export function leftoverOf(object: InventoryObject, choice: BaseModelChoice): string | null {
  const sentences: string[] = []
  if (object.kind === 'table') {
    sentences.push(
      'A table of its own: no base model fills it; load its data with a dbt seed, or keep what fills it now.',
    )
  }
  if (object.unreadable !== null) {
    sentences.push(`Its definition could not be read (${object.unreadable}).`)
  } else if (object.analysis === null && object.kind !== 'table') {
    sentences.push('Its definition was not analysed, so what it reads is not known.')
  }
  if (object.analysis?.parseError) {
    sentences.push('The SQL parser rejected it, so what it reads may be incomplete.')
  }
  const uncovered = uncoveredPaths(object, choice.models)
  const fields = uncovered.filter(isFormField)
  if (fields.length > 0) {
    const names = fields.map((p) => p.slice('doc.fields.'.length))
    const n = fields.length
    const what = `${n} form ${plural(n, 'field', 'fields')}`
    sentences.push(
      choice.forms.length > 0
        ? `${what} of ${listSome(choice.forms)} ${plural(n, 'needs', 'need')} a cht_form_model${choice.forms.length > 1 ? ' each' : ''} (${listSome(names)}).`
        : `${what} of forms it does not filter on ${plural(n, 'needs', 'need')} a form model (${listSome(names)}).`,
    )
  }
  if (choice.unmodelledTypes.length > 0) {
    sentences.push(
      `No base model holds ${listSome(choice.unmodelledTypes.map((t) => `\`${t}\``))} documents: read them from CHT Sync's raw table.`,
    )
  }
  const others = uncovered.filter((p) => !isFormField(p))
  if (others.length > 0) {
    const n = others.length
    sentences.push(
      `${n} JSON ${plural(n, 'path', 'paths')} no base-model column covers: ${listSome(others)}.`,
    )
  }
  return sentences.length > 0 ? clipText(sentences.join(' '), TEXT_LIMITS.line) : null
}
