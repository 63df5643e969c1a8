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

function format(iso: string, ctx: ReportContext, options: Intl.DateTimeFormatOptions): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return MISSING
  try {
    return new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.timeZone, ...options }).format(ms)
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(ms)
  }
}

/** “2 December 2026, 09:14” in the reader's locale and time zone. */
export const dateTimeText = (iso: string, ctx: ReportContext): string =>
  format(iso, ctx, { dateStyle: 'long', timeStyle: 'short' })

/** “2 December 2026”. A bare `YYYY-MM-DD` is that calendar day, whatever the time zone. */
export function dayText(isoOrDay: string, ctx: ReportContext): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay)) {
    return format(`${isoOrDay}T12:00:00Z`, { ...ctx, timeZone: 'UTC' }, { dateStyle: 'long' })
  }
  return format(isoOrDay, ctx, { dateStyle: 'long' })
}

/** “15 Jan 2027”, for table cells: a bare `YYYY-MM-DD` is that calendar day. */
export function shortDayText(isoOrDay: string, ctx: ReportContext): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay)
  return format(day ? `${isoOrDay}T12:00:00Z` : isoOrDay, day ? { ...ctx, timeZone: 'UTC' } : ctx, {
    dateStyle: 'medium',
  })
}

/** The machine's locale and time zone, for a context built without them. */
export function machineLocale(): { locale: string; timeZone: string } {
  const options = new Intl.DateTimeFormat().resolvedOptions()
  return { locale: options.locale || 'en-GB', timeZone: options.timeZone || 'UTC' }
}
