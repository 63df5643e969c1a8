/**
 * Small formatting helpers for the UI: times, file names and paths. Pure functions, no DOM.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** “just now”, “5 minutes ago”, “yesterday”, “3 weeks ago”… relative to `now`. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return 'at an unknown time'
  const diff = then - now
  const abs = Math.abs(diff)
  if (abs < 45_000) return 'just now'
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute')
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), 'hour')
  if (abs < 14 * DAY) return relative.format(Math.round(diff / DAY), 'day')
  if (abs < 60 * DAY) return relative.format(Math.round(diff / (7 * DAY)), 'week')
  if (abs < 365 * DAY) return relative.format(Math.round(diff / (30 * DAY)), 'month')
  return relative.format(Math.round(diff / (365 * DAY)), 'year')
}

/** The full local date and time, for tooltips and the overview. */
export function exactTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Hours and minutes only (“12:03”), as in “Saved 12:03”. */
export function clockTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/** The last part of a path, with either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** The folder part of a path (without the trailing separator), or '' when there is none. */
export function dirName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut <= 0 ? (cut === 0 ? path.slice(0, 1) : '') : path.slice(0, cut)
}

/** Joins a folder and a file name with the folder's own separator (Windows or POSIX). */
export function joinPath(dir: string, file: string): string {
  if (dir === '') return file
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  return dir.endsWith(sep) ? `${dir}${file}` : `${dir}${sep}${file}`
}

/** A file-name-safe version of a project name: “Kenya – CHT Sync” → “kenya-cht-sync”. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug || 'migration'
}

/** Replaces the extension of a project file name (`.chtmig.json` or `.json`) with another. */
export function withExtension(path: string, extension: string): string {
  return path.replace(/(\.chtmig)?\.json$/i, '') + extension
}
