// Linear scans of JSON text that `JSON.parse` cannot do: how deep it nests (checked before
// parsing, since deep nesting overflows the stack of whatever walks the parsed value) and where
// a text that does not parse goes wrong (V8 gives no position for some errors).

const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93
const QUOTE = 34
const BACKSLASH = 92

/**
 * The deepest nesting of objects and arrays in `text` (0 for a scalar), counting only brackets
 * outside strings. Does not validate; a text cut short counts what it opened.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) {
      inString = true
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++
      if (depth > deepest) deepest = depth
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--
    }
  }
  return deepest
}

type State =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'done'

/**
 * Where `text` stops being valid JSON (RFC 8259, as `JSON.parse` reads it): the offset of the
 * first character that cannot be there, `text.length` when the text ends before the JSON does
 * (a file cut short), or null when it is valid.
 */
export function jsonErrorOffset(text: string): number | null {
  const n = text.length
  const stack: number[] = []
  let state: State = 'value'
  let i = 0
  const afterValue = (): State => (stack.length === 0 ? 'done' : 'comma-or-close')
  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++
    if (i >= n) return state === 'done' ? null : n
    const c = text.charCodeAt(i)
    if (state === 'done') return i
    if (state === 'colon') {
      if (c !== 58) return i
      i++
      state = 'value'
    } else if (state === 'comma-or-close') {
      const top = stack[stack.length - 1]
      if (c === 44) {
        i++
        state = top === OPEN_OBJECT ? 'key' : 'value'
      } else if (c === (top === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        stack.pop()
        i++
        state = afterValue()
      } else {
        return i
      }
    } else if (state === 'key' || state === 'key-or-close') {
      if (state === 'key-or-close' && c === CLOSE_OBJECT) {
        stack.pop()
        i++
        state = afterValue()
      } else if (c === QUOTE) {
        const end = stringEnd(text, i)
        if (end < 0) return ~end
        i = end
        state = 'colon'
      } else {
        return i
      }
    } else if (state === 'value-or-close' && c === CLOSE_ARRAY) {
      stack.pop()
      i++
      state = afterValue()
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      stack.push(c)
      i++
      state = c === OPEN_OBJECT ? 'key-or-close' : 'value-or-close'
    } else {
      const end = scalarEnd(text, i)
      if (end < 0) return ~end
      i = end
      state = afterValue()
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

const isWhitespace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9
const isDigit = (c: number) => c >= 48 && c <= 57
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

// The helpers return the index after what they read, or `~offset` (negative) of the error.

function stringEnd(text: string, open: number): number {
  let k = open + 1
  while (k < text.length) {
    const c = text.charCodeAt(k)
    if (c === QUOTE) return k + 1
    if (c < 0x20) return ~k
    if (c !== BACKSLASH) {
      k++
      continue
    }
    if (k + 1 >= text.length) return ~text.length
    const escaped = text[k + 1] ?? ''
    if ('"\\/bfnrt'.includes(escaped)) {
      k += 2
      continue
    }
    if (escaped !== 'u') return ~(k + 1)
    for (let h = k + 2; h < k + 6; h++) {
      if (h >= text.length) return ~text.length
      if (!isHex(text.charCodeAt(h))) return ~h
    }
    k += 6
  }
  return ~text.length
}

function scalarEnd(text: string, start: number): number {
  const c = text.charCodeAt(start)
  if (c === QUOTE) return stringEnd(text, start)
  if (c === 45 || isDigit(c)) return numberEnd(text, start)
  const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : null
  if (!word) return ~start
  for (let k = 1; k < word.length; k++) {
    if (start + k >= text.length) return ~text.length
    if (text[start + k] !== word[k]) return ~(start + k)
  }
  return start + word.length
}

function numberEnd(text: string, start: number): number {
  let k = start
  const digits = () => {
    if (k >= text.length) return ~text.length
    if (!isDigit(text.charCodeAt(k))) return ~k
    while (k < text.length && isDigit(text.charCodeAt(k))) k++
    return k
  }
  if (text.charCodeAt(k) === 45) k++
  if (k >= text.length) return ~text.length
  if (text.charCodeAt(k) === 48) k++
  else if (digits() < 0) return ~k
  if (text.charCodeAt(k) === 46) {
    k++
    if (digits() < 0) return k >= text.length ? ~text.length : ~k
  }
  const e = text.charCodeAt(k)
  if (e === 69 || e === 101) {
    k++
    const sign = text.charCodeAt(k)
    if (sign === 43 || sign === 45) k++
    if (digits() < 0) return k >= text.length ? ~text.length : ~k
  }
  return k
}
