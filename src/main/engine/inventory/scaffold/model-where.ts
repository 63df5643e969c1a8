import { CONTACT_DOC_TYPES } from '../../../../shared/inventory/cht-pipeline-models'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { jsonPathExpr, sqlLiteral } from './sql-text'
import { RAW_ALIAS } from './base-source'

/** The filters a base model's own rows already satisfy: its document types. */
const IMPLIED_TYPES: Readonly<Record<string, readonly string[]>> = {
  data_record: ['data_record'],
  contact: CONTACT_DOC_TYPES,
  feedback: ['feedback'],
  telemetry: ['telemetry'],
  telemetry_devices: ['telemetry'],
  user: ['user-settings'],
}

/** `column IN ('a', 'b')`, or null (with a TODO) when a value cannot be written safely. */
function inList(column: string, values: readonly string[], todos: string[]): string | null {
  const literals = values.map(sqlLiteral)
  if (literals.some((l) => l === null)) {
    todos.push(`A filter value on ${column} holds template braces: write that filter by hand.`)
    return null
  }
  return `${column} IN (${literals.join(', ')})`
}

/**
 * The WHERE conditions a scaffold model keeps from the old object's filters, on its primary base
 * model: the forms (`data_record.form`), the contact types (`contact.contact_type`, which holds
 * `contact_type`, else `type`), the document types without a base model
 * (`document_metadata.doc_type`). Filters on other paths become TODOs: the analysis cannot tell a
 * WHERE from a CASE, so a person decides.
 */
export function baseWhere(object: InventoryObject, primary: string, todos: string[]): string[] {
  const filters = object.analysis?.filters ?? []
  const values = (path: string) =>
    [
      ...new Set(filters.filter((f) => f.path.toLowerCase() === path).flatMap((f) => f.values)),
    ].sort()
  const where: string[] = []
  const add = (condition: string | null) => condition !== null && where.push(condition)
  const types = values('type')
  const handled = new Set(['type', 'form', 'contact_type'])
  if (primary === 'data_record' && values('form').length > 0) {
    add(inList('data_record.form', values('form'), todos))
  }
  if (primary === 'contact') {
    const contactTypes = values('contact_type')
    const fromTypes = types.filter((t) => t !== 'contact')
    const everyType = CONTACT_DOC_TYPES.every((t) => types.includes(t))
    const wanted = contactTypes.length > 0 ? contactTypes : everyType ? [] : fromTypes
    if (wanted.length > 0) add(inList('contact.contact_type', wanted, todos))
    if (contactTypes.length === 0 && types.includes('contact') && !everyType) {
      todos.push(
        "The old definition keeps `type = 'contact'` documents: contact holds every contact document, so filter on their configured contact_type.",
      )
    }
  }
  if (primary === 'document_metadata' && types.length > 0) {
    add(inList('document_metadata.doc_type', types, todos))
  }
  const implied = IMPLIED_TYPES[primary] ?? []
  const unhandled = types.filter((t) => !implied.includes(t))
  if (primary !== 'document_metadata' && primary !== 'contact' && unhandled.length > 0) {
    todos.push(
      `The old definition also filters on doc.type ${unhandled.join(', ')}: check that the rows still match.`,
    )
  }
  for (const f of filters) {
    if (handled.has(f.path.toLowerCase())) continue
    const expr = jsonPathExpr(RAW_ALIAS, `doc.${f.path}`) ?? `doc.${f.path}`
    todos.push(
      `The old definition compares doc.${f.path} with ${f.values.map((v) => `'${v}'`).join(', ')}: if that filtered rows, add ${expr} IN (…) to the WHERE clause (joining the raw table).`,
    )
  }
  return where
}
