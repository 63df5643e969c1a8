import { redactSecrets } from '../redact'
import type { ReportContext, Span, Tone } from './model'

/**
 * Words and dates of the plan: every string taken from the project passes through `said` (secrets
 * masked, control characters dropped, bounded), dates are said in the reader's locale and time
 * zone, and missing values become a visible mark.
 */

/** What a missing value reads as, in every renderer. */
export const MISSING = '—'
/** The longest text of one table cell; the CSV and JSON keep the same bound. */
export const CELL_LIMIT = 600
/** The longest paragraph taken from the project (a note, a reason). */
export const PARAGRAPH_LIMIT = 4_000

// C0 and C1 controls (but tab and newline), and the bidi overrides that could reorder a line:
// removing them is the point, so the rule against control characters in patterns is off here.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Project text made safe to print: credentials masked, controls dropped, at most `limit` characters. */
export function said(text: string, limit = CELL_LIMIT): string {
  const clean = redactSecrets(text.replace(UNSAFE, ''))
  if (clean.length <= limit) return clean
  return `${clean.slice(0, limit)}… (${(clean.length - limit).toLocaleString('en-US')} more characters in the project)`
}

/** A span of plain text. */
export const t = (text: string, extra: Omit<Span, 'text'> = {}): Span => ({ text, ...extra })
/** A link. */
export const link = (text: string, href: string): Span => ({ text, href })
/** A toned, bold span (a verdict, a state). */
export const toned = (text: string, tone: Tone): Span => ({ text, tone, strong: true })
/** The visible mark of a value not recorded, with what is missing for screen readers and Markdown. */
export const missing = (what = 'not recorded'): Span => ({
  text: `${MISSING} ${what}`,
  missing: true,
})

// One formatter per locale, time zone and style: building one costs far more than using it, and
// a plan says thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${options.dateStyle ?? ''}|${options.timeStyle ?? ''}`
  let found = formatters.get(key)
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale, { timeZone, ...options })
    } catch {
      // An unknown locale or time zone: said in British English, in UTC.
      found = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options })
    }
    formatters.set(key, found)
  }
  return found
}

type DateStyles = Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>

function format(iso: string, ctx: ReportContext, options: DateStyles): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return MISSING
  return formatter(ctx.locale, ctx.timeZone, options).format(ms)
}

/** “2 December 2026, 09:14” in the reader's locale and time zone. */
export const dateTimeText = (iso: string, ctx: ReportContext): string =>
  format(iso, ctx, { dateStyle: 'long', timeStyle: 'short' })

/**
 * “2 December 2026” (`long`) or “15 Jan 2027” (`medium`, for table cells). A bare `YYYY-MM-DD`
 * is that calendar day, whatever the time zone.
 */
export function dayText(
  isoOrDay: string,
  ctx: ReportContext,
  style: 'long' | 'medium' = 'long',
): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay)) {
    return format(`${isoOrDay}T12:00:00Z`, { ...ctx, timeZone: 'UTC' }, { dateStyle: style })
  }
  return format(isoOrDay, ctx, { dateStyle: style })
}

/** “15 Jan 2027”, for table cells. */
export const shortDayText = (isoOrDay: string, ctx: ReportContext): string =>
  dayText(isoOrDay, ctx, 'medium')

/** The machine's locale and time zone, for a context built without them. */
export function machineLocale(): { locale: string; timeZone: string } {
  const options = new Intl.DateTimeFormat().resolvedOptions()
  return { locale: options.locale || 'en-GB', timeZone: options.timeZone || 'UTC' }
}
