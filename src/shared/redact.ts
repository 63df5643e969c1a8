/** What a masked secret is replaced with. */
export const MASK = '•••'

// Keys longer than this are judged by their last characters only, so a hostile run of key
// characters costs no more than a short one.
const MAX_KEY = 64
// Only the start of a value is masked and shown by `excerpt`; a secret is never that far in.
const EXCERPT_SOURCE = 4096

const SECRET_IN_KEY = /password|passwd|passphrase|secret|token|api[-_]?key|private[-_]?key/
const SECRET_PARTS = new Set(['pass', 'pwd', 'pw'])
const AUTH_SCHEMES = new Set(['basic', 'bearer', 'token', 'digest', 'negotiate', 'ntlm'])
const CURL_USER_FLAGS = new Set(['-u', '--user', '--proxy-user'])

type Mask = (from: number, to: number) => void
type KeyKind = 'secret' | 'short' | 'authorization' | null

/**
 * Hides what looks like a credential inside free text (SEC-09): values of keys that name a
 * secret (`PGPASSWORD=…`, `"password": "…"`, `POSTGRES_PASSWORD: …`, `api_key=…`, `token: …`,
 * `pass=…`, SQL `PASSWORD '…'`), the password of `curl -u user:pass`, the credentials after
 * `Authorization: Basic|Bearer`, and the password of a URL (`postgres://user:pw@host`, the user
 * is kept). Quoted values are masked whole, quotes kept; unquoted ones up to the next space.
 *
 * One pass over the text, each character looked at a bounded number of times, so the cost is
 * linear: the input may be megabytes a hostile server or file chose. Used wherever text someone
 * may have pasted into leaves the wizard (the log, exports, the PDF, intake of notes).
 */
export function redactSecrets(text: string): string {
  const out: string[] = []
  let copied = 0
  const mask: Mask = (from, to) => {
    if (to <= from) return
    out.push(text.slice(copied, from), MASK)
    copied = to
  }
  let i = 0
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === COLON && text.startsWith('//', i + 1)) {
      i = maskUrlPassword(text, i, mask)
    } else if (isKeyChar(c)) {
      const start = i
      while (i < text.length && isKeyChar(text.charCodeAt(i))) i++
      i = maskAfterKey(text, start, i, mask)
    } else {
      i++
    }
  }
  if (copied === 0) return text
  out.push(text.slice(copied))
  return out.join('')
}

/**
 * Shortens untrusted text for a message: at most `max` characters (an ellipsis marks a cut),
 * never splitting a character, with secrets masked. Error messages quote values from files and
 * servers; a hostile one must not fill the screen or the log.
 */
export function excerpt(text: string, max = 60): string {
  const masked = redactSecrets(text.length > EXCERPT_SOURCE ? text.slice(0, EXCERPT_SOURCE) : text)
  if (masked.length <= max) return masked
  let cut = Math.max(0, max - 1)
  const last = masked.charCodeAt(cut - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut--
  return masked.slice(0, cut) + '…'
}

/**
 * Describes a value read from an untrusted document for a message, in at most about `max`
 * characters: strings quoted and cut by `excerpt`, numbers and booleans as they are, lists and
 * objects by their kind only (their content may be any size).
 */
export function describeValue(value: unknown, max = 60): string {
  if (value === undefined) return 'missing'
  if (typeof value === 'string') return excerpt(JSON.stringify(value.slice(0, EXCERPT_SOURCE)), max)
  if (Array.isArray(value)) return `a list of ${value.length} items`
  if (value !== null && typeof value === 'object') return 'an object'
  return excerpt(String(value), max)
}

const COLON = 58
const SLASH = 47
const AT = 64
const AMP = 38
const BACKSLASH = 92

const isKeyChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 95 ||
  c === 45 ||
  c === 46
const isQuote = (c: number) => c === 34 || c === 39 || c === 96
const isHorizontalSpace = (c: number) => c === 32 || c === 9
const isLineEnd = (c: number) => c === 10 || c === 13
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff

const skipHorizontalSpace = (text: string, from: number) => {
  let j = from
  while (j < text.length && isHorizontalSpace(text.charCodeAt(j))) j++
  return j
}

function keyKind(key: string): KeyKind {
  const lower = key.toLowerCase().replace(/^[-.]+|[-.]+$/g, '')
  if (lower.endsWith('authorization')) return 'authorization'
  if (SECRET_IN_KEY.test(lower)) return 'secret'
  // `pass`, `pw`, `pwd` only as a whole part of the key (`db_pass`, `MYSQL_PWD`, `dbPwd`), so
  // `bypass` and `compass` stay. Alone, `pass` and `pw` are also words ("Pass: 12").
  if (SECRET_PARTS.has(lower)) return lower === 'pwd' ? 'secret' : 'short'
  const parts = key.split(/[-_.]+|(?<=[a-z])(?=[A-Z])/)
  return parts.some((p) => SECRET_PARTS.has(p.toLowerCase())) ? 'secret' : null
}

/** Masks the value after the key `text[start, end)` if the key names a secret; returns where to go on. */
function maskAfterKey(text: string, start: number, end: number, mask: Mask): number {
  const before = start > 0 ? text.charCodeAt(start - 1) : -1
  const flag = end - start <= 12 ? text.slice(start, end) : ''
  if (CURL_USER_FLAGS.has(flag) && (before === -1 || isSpace(before))) {
    return maskCurlUser(text, end, mask)
  }
  // No secret key is shorter than `pw`; the common one-letter runs of hostile input end here.
  if (end - start < 2) return end
  const kind = keyKind(text.slice(Math.max(start, end - MAX_KEY), end))
  if (!kind) return end
  let j = end
  // The closing quote of a quoted key: "password": …, 'password': …, \"password\": …
  if (text.charCodeAt(j) === BACKSLASH && text.charCodeAt(j + 1) === 34) j += 2
  else if (isQuote(text.charCodeAt(j))) j++
  const afterKey = j
  j = skipHorizontalSpace(text, j)
  const pair = text.slice(j, j + 2)
  const c = text.charCodeAt(j)
  if (pair === ':=' || pair === '=>' || pair === '==') j += 2
  else if (c === 61 || (c === COLON && kind !== 'short')) j++
  else if (kind === 'short' && c === COLON && afterKey > end) j++
  else if (!(flag.toLowerCase() === 'password' && j > afterKey && isQuote(c))) {
    return end
  }
  if (text.startsWith('//', j)) return end
  j = skipHorizontalSpace(text, j)
  const stopAtAmp = before === 63 || before === AMP
  return maskValue(text, j, kind === 'authorization', stopAtAmp, mask) ?? end
}

/**
 * Masks the value starting at `from`: a quoted one whole (to the end of the line when its quote is
 * never closed), an unquoted one up to the next space. Returns the index after it, or null when
 * there is no value.
 */
function maskValue(
  text: string,
  from: number,
  keepScheme: boolean,
  stopAtAmp: boolean,
  mask: Mask,
): number | null {
  if (from >= text.length) return null
  const quote = text.charCodeAt(from)
  if (isQuote(quote)) {
    const close = closingQuote(text, from)
    const contentEnd = close.index
    mask(keepScheme ? afterScheme(text, from + 1, contentEnd) : from + 1, contentEnd)
    return close.closed ? contentEnd + 1 : contentEnd
  }
  if (isSpace(quote)) return null
  let k = from
  while (k < text.length && !isSpace(text.charCodeAt(k))) {
    if (stopAtAmp && text.charCodeAt(k) === AMP) break
    k++
  }
  let valueEnd = k
  while (valueEnd > from && isQuote(text.charCodeAt(valueEnd - 1))) valueEnd--
  if (keepScheme && AUTH_SCHEMES.has(text.slice(from, valueEnd).toLowerCase())) {
    // `Authorization: Bearer <token>`: the scheme stays readable, the token goes.
    const token = skipHorizontalSpace(text, k)
    if (token === k) return k
    return maskValue(text, token, false, false, mask) ?? k
  }
  mask(from, valueEnd)
  return k
}

/** Where the credentials start in `Bearer abc` / `Basic abc` (or `from` when there is no scheme). */
function afterScheme(text: string, from: number, to: number): number {
  let k = from
  while (k < to && k - from <= 10 && /[A-Za-z]/.test(text[k] ?? '')) k++
  if (!AUTH_SCHEMES.has(text.slice(from, k).toLowerCase())) return from
  const token = skipHorizontalSpace(text, k)
  return token > k ? token : from
}

/** The closing quote of the quoted value at `open`, or the end of its line when there is none. */
function closingQuote(text: string, open: number): { index: number; closed: boolean } {
  const quote = text.charCodeAt(open)
  let k = open + 1
  while (k < text.length) {
    const c = text.charCodeAt(k)
    if (c === quote) return { index: k, closed: true }
    if (isLineEnd(c)) break
    k += c === BACKSLASH && quote === 34 ? 2 : 1
  }
  return { index: Math.min(k, text.length), closed: false }
}

/** `curl -u user:pass` / `--user user:pass`: masks what follows the first colon. */
function maskCurlUser(text: string, end: number, mask: Mask): number {
  let j = end
  if (text.charCodeAt(j) === 61) j++
  else {
    j = skipHorizontalSpace(text, j)
    if (j === end) return end
  }
  const quote = text.charCodeAt(j)
  const quoted = isQuote(quote)
  const close = quoted ? closingQuote(text, j) : null
  const valueStart = quoted ? j + 1 : j
  let valueEnd = close ? close.index : j
  if (!close) while (valueEnd < text.length && !isSpace(text.charCodeAt(valueEnd))) valueEnd++
  let colon = valueStart
  while (colon < valueEnd && text.charCodeAt(colon) !== COLON) colon++
  if (colon >= valueEnd) return end
  mask(colon + 1, valueEnd)
  return close?.closed ? valueEnd + 1 : valueEnd
}

/**
 * `scheme://user:password@host`: masks the password, keeps the user. `colon` is the index of
 * `://`. A password may hold `/` or `@` (people paste them unencoded): the credentials end at the
 * last `@` before the first `/`, `?` or `#` that follows an `@`. The scan stops at a space, a
 * quote, an angle bracket or the next `://`, so scans of successive URLs never overlap.
 */
function maskUrlPassword(text: string, colon: number, mask: Mask): number {
  const start = colon + 3
  if (colon === 0 || !isKeyChar(text.charCodeAt(colon - 1))) return start
  let passwordAt = -1
  let lastAt = -1
  for (let k = start; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (isSpace(c) || isQuote(c) || c === 60 || c === 62) break
    if (c === COLON && text.startsWith('//', k + 1)) break
    const endsPart = c === SLASH || c === 63 || c === 35
    if (lastAt === -1) {
      if (c === AT) lastAt = k
      else if (c === COLON && passwordAt === -1) passwordAt = k + 1
      else if (endsPart && passwordAt === -1) break
    } else if (endsPart) {
      break
    } else if (c === AT) {
      lastAt = k
    }
  }
  if (lastAt === -1 || passwordAt === -1) return start
  mask(passwordAt, lastAt)
  return lastAt + 1
}
