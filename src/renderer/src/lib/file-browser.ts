import type { FileEntry } from '../../../shared/contract-files'

/**
 * The file browser's pure parts: where a typed path resolves (as the engine would resolve it),
 * an entry's facts in words, and type-to-select in the list.
 */

/** True for a full path: `/home/…`, `C:\…`, `\\server\share\…`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

/**
 * The full path a relative typed path means: inside `baseDir` (the default projects folder,
 * where the engine suggests it too), with `.` and `..` worked out, in the base's separator.
 * Null for a path that is already full, or empty.
 */
export function resolveTypedPath(typed: string, baseDir: string): string | null {
  const path = typed.trim()
  if (path === '' || isAbsolutePath(path) || baseDir === '') return null
  const windows = baseDir.includes('\\') && !baseDir.includes('/')
  const sep = windows ? '\\' : '/'
  const rootMatch = /^([A-Za-z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+[\\/]?|\/)/.exec(baseDir)
  const root = rootMatch ? rootMatch[0] : ''
  const parts = baseDir.slice(root.length).split(/[\\/]/).filter(Boolean)
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  const head = root.endsWith(sep) || root === '' ? root : root + sep
  return head + parts.join(sep)
}

/** `12 KB`, `1.4 MB`, `812 bytes`. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** When an entry last changed, short: `3 Mar 2025, 14:05` in the reader's locale. */
export function modifiedText(iso: string | null, locale?: string): string {
  if (!iso) return ''
  return new Date(iso).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** What a screen reader hears for an entry: its name, kind, size and last change. */
export function entryLabel(entry: FileEntry, locale?: string): string {
  const facts = [entry.kind === 'folder' ? 'folder' : 'file']
  if (entry.size !== null) facts.push(fileSizeText(entry.size))
  if (entry.modified) facts.push(`changed ${modifiedText(entry.modified, locale)}`)
  return `${entry.name}, ${facts.join(', ')}`
}

/**
 * Type-to-select: the index of the next entry from `from` (wrapping) whose name starts with
 * `typed`, ignoring case; with the same letter typed again, the next one after `from`. -1 when
 * none does.
 */
export function matchingEntry(entries: readonly FileEntry[], typed: string, from: number): number {
  const query = typed.toLowerCase()
  if (query === '' || entries.length === 0) return -1
  const repeated = query.length > 1 && [...query].every((c) => c === query[0])
  const needle = repeated ? query[0]! : query
  // A longer query keeps the current entry when it still matches; one letter moves on.
  const start = needle.length > 1 ? from : from + 1
  for (let i = 0; i < entries.length; i++) {
    const index = (Math.max(start, 0) + i) % entries.length
    if (entries[index]!.name.toLowerCase().startsWith(needle)) return index
  }
  return -1
}
