import { isNode, type Node } from './types'

/** The fields of a wrapped node (`{ A_Const: { … } }` → its fields), or null for another type. */
export function fieldsOf(node: unknown, type: string): Node | null {
  if (!isNode(node)) return null
  const fields = node[type]
  return isNode(fields) ? fields : null
}

/** The items of a list field (absent lists are empty). */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  const list = fieldsOf(value, 'List')
  return list && Array.isArray(list.items) ? list.items : []
}

/** The `String` values of a name list (`funcname`, `name`, `fields`); others become null. */
export function namesOf(value: unknown): (string | null)[] {
  return listOf(value).map((item) => {
    const s = fieldsOf(item, 'String')
    if (!s) return null
    return typeof s.sval === 'string' ? s.sval : ''
  })
}

/** The operator of an `A_Expr` (`=`, `->>`), without its schema, or null. */
export function operatorOf(expr: Node): string | null {
  const names = namesOf(expr.name)
  return names.length > 0 ? (names[names.length - 1] ?? null) : null
}

/**
 * A constant's value, looking through casts (`'type'::text`): strings as they are, numbers and
 * booleans as text. Protobuf leaves zero, false and '' out, so `{ ival: {} }` is `0`. Null for
 * anything else, NULL included.
 */
export function constantOf(node: unknown): string | null {
  const cast = fieldsOf(node, 'TypeCast')
  if (cast) return constantOf(cast.arg)
  const c = fieldsOf(node, 'A_Const')
  if (!c || c.isnull) return null
  if (isNode(c.sval)) return typeof c.sval.sval === 'string' ? c.sval.sval : ''
  if (isNode(c.ival)) return String(typeof c.ival.ival === 'number' ? c.ival.ival : 0)
  if (isNode(c.fval)) return typeof c.fval.fval === 'string' ? c.fval.fval : '0'
  if (isNode(c.boolval)) return c.boolval.boolval === true ? 'true' : 'false'
  return null
}

/** Whether a cast is to an array type (`'{a,b}'::text[]`). */
export function isArrayCast(node: unknown): boolean {
  const cast = fieldsOf(node, 'TypeCast')
  const typeName = cast && isNode(cast.typeName) ? cast.typeName : null
  return Array.isArray(typeName?.arrayBounds) && typeName.arrayBounds.length > 0
}

/**
 * The elements of a PostgreSQL array literal (`{fields,"a b",NULL}`), flattened; null when the
 * text is not one. This reads the array input syntax of a constant, not SQL.
 */
export function arrayLiteral(text: string): string[] | null {
  const s = text.trim()
  if (!s.startsWith('{') || !s.endsWith('}')) return null
  const out: string[] = []
  let current = ''
  let quoted = false
  let wasQuoted = false
  const push = () => {
    const value = wasQuoted ? current : current.trim()
    // An unquoted NULL element matches nothing and names no key.
    if (wasQuoted || (value !== '' && value.toUpperCase() !== 'NULL')) out.push(value)
    current = ''
    wasQuoted = false
  }
  for (let i = 1; i < s.length - 1; i += 1) {
    const ch = s[i] as string
    if (ch === '\\' && i + 1 < s.length - 1) {
      current += s[i + 1]
      i += 1
    } else if (ch === '"') {
      quoted = !quoted
      wasQuoted = true
    } else if (!quoted && (ch === '{' || ch === '}')) {
      continue
    } else if (!quoted && ch === ',') {
      push()
    } else {
      current += ch
    }
  }
  push()
  return out
}

/**
 * The constant values of a list an `IN` or `= ANY (…)` compares with: `('a', 'b')`,
 * `ARRAY['a'::text, 'b'::text]` or `'{a,b}'::text[]`. Null unless every element is a constant.
 */
export function constantList(node: unknown): string[] | null {
  const array = fieldsOf(node, 'A_ArrayExpr')
  const items = array ? listOf(array.elements) : fieldsOf(node, 'List') ? listOf(node) : null
  if (items) {
    const values = items.map(constantOf)
    return values.every((v): v is string => v !== null) ? values : null
  }
  if (isArrayCast(node)) {
    const text = constantOf(node)
    return text === null ? null : arrayLiteral(text)
  }
  return null
}
