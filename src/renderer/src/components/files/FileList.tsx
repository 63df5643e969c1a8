import { useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { FileEntry } from '../../../../shared/contract-files'
import { useVirtualRows } from '../../hooks/use-virtual-rows'
import { entryLabel, fileSizeText, matchingEntry, modifiedText } from '../../lib/file-browser'

/** The height of a row in pixels (`.file-entry` in files.css). */
const ROW_HEIGHT = 34
const PAGE = 10

/**
 * A folder's entries as a listbox, drawn in view only (a folder may hold 2,000): arrows, Home,
 * End and Page keys move, Enter opens a folder or chooses a file, Backspace goes to the parent
 * folder, and typing a name's first letters moves to it. A click does what Enter does.
 */
export function FileList({
  id,
  label,
  entries,
  chosen,
  active,
  onActive,
  onOpen,
  onParent,
  scroller,
}: {
  id: string
  label: string
  entries: readonly FileEntry[]
  /** The path chosen so far, marked in the list. */
  chosen: string | undefined
  active: number
  onActive: (index: number) => void
  onOpen: (entry: FileEntry) => void
  onParent: () => void
  /** The list's element, which scrolls (the parent focuses it after a move). */
  scroller: RefObject<HTMLDivElement | null>
}) {
  const typed = useRef({ text: '', at: 0 })
  const [focused, setFocused] = useState(false)
  const { virtualizer, items, top, bottom } = useVirtualRows({
    count: entries.length,
    scroller,
    rowHeight: ROW_HEIGHT,
    overscan: 8,
  })
  const current = Math.min(Math.max(active, 0), entries.length - 1)

  const moveTo = (index: number) => {
    const next = Math.min(Math.max(index, 0), entries.length - 1)
    onActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey) return
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => (event.altKey ? onParent() : moveTo(current - 1)),
      Home: () => moveTo(0),
      End: () => moveTo(entries.length - 1),
      PageDown: () => moveTo(current + PAGE),
      PageUp: () => moveTo(current - PAGE),
      Enter: () => {
        const entry = entries[current]
        if (entry) onOpen(entry)
      },
      Backspace: () => onParent(),
    }
    const action = keys[event.key]
    if (action) {
      event.preventDefault()
      action()
      return
    }
    if (event.key.length === 1 && !event.altKey && event.key !== ' ') {
      const now = Date.now()
      const text = now - typed.current.at < 700 ? typed.current.text + event.key : event.key
      typed.current = { text, at: now }
      const index = matchingEntry(entries, text, current)
      if (index >= 0) moveTo(index)
      event.preventDefault()
    }
  }

  const optionId = (index: number) => `${id}-entry-${index}`
  return (
    <div
      ref={scroller}
      id={id}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={focused && entries.length > 0 ? optionId(current) : undefined}
      className="file-list"
      style={{ paddingTop: top, paddingBottom: bottom }}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {items.map((item) => {
        const entry = entries[item.index]!
        const isActive = item.index === current
        const classes = ['file-entry', `file-entry-${entry.kind}`]
        if (isActive) classes.push('is-active')
        if (entry.path === chosen) classes.push('is-chosen')
        return (
          <div
            key={entry.path}
            id={optionId(item.index)}
            role="option"
            aria-selected={isActive}
            aria-label={entryLabel(entry)}
            className={classes.join(' ')}
            onClick={() => {
              onActive(item.index)
              onOpen(entry)
            }}
          >
            <span className="file-entry-name">
              {entry.name}
              {entry.kind === 'folder' ? '/' : ''}
            </span>
            <span className="file-entry-size">
              {entry.size !== null ? fileSizeText(entry.size) : ''}
            </span>
            <span className="file-entry-modified">{modifiedText(entry.modified)}</span>
          </div>
        )
      })}
    </div>
  )
}
