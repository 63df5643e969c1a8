import { useVirtualizer } from '@tanstack/react-virtual'
import type { RefObject } from 'react'

/**
 * The rows of a long table drawn in view only: the virtual items of `count` rows scrolled in
 * `scroller`, and the heights of the spacer rows above (`top`) and below (`bottom`) them, so the
 * table keeps its full height and its scroll position. `rowHeight` is the estimate before a row
 * is measured.
 */
export function useVirtualRows(options: {
  count: number
  scroller: RefObject<HTMLDivElement | null>
  rowHeight: number
  overscan: number
}) {
  const { scroller } = options
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to re-render
  const virtualizer = useVirtualizer({
    count: options.count,
    getScrollElement: () => scroller.current,
    estimateSize: () => options.rowHeight,
    overscan: options.overscan,
  })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  return { virtualizer, items, top, bottom }
}
