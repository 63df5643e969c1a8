import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * A text field whose value is sent after the user pauses or leaves the field, not on every key.
 *
 * While the user has unsent edits, a new value from the engine does not overwrite them; once the
 * edits are sent, the engine's value wins again. A pending edit is sent when the field unmounts
 * (for example when the user moves to another step).
 */
export function useDraft(
  value: string,
  commit: (next: string) => void,
  pauseMs = 1200,
): {
  draft: string
  change: (next: string) => void
  flush: () => void
} {
  const [draft, setDraft] = useState(value)
  const [editing, setEditing] = useState(false)
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    if (!editing) setDraft(value)
  }

  const latest = useRef({ draft: value, value, commit, pending: false })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    latest.current.value = value
    latest.current.commit = commit
  }, [value, commit])

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    const state = latest.current
    if (!state.pending) return
    state.pending = false
    setEditing(false)
    if (state.draft !== state.value) state.commit(state.draft)
  }, [])

  const change = useCallback(
    (next: string) => {
      setDraft(next)
      setEditing(true)
      latest.current.draft = next
      latest.current.pending = true
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = setTimeout(flush, pauseMs)
    },
    [flush, pauseMs],
  )

  useEffect(() => flush, [flush])

  return { draft, change, flush }
}
