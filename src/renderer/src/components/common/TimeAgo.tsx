import { useNow } from '../../hooks/use-now'
import { exactTime, relativeTime } from '../../lib/format'

/** A relative time (“5 minutes ago”) with the exact local time in its tooltip. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow()
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  )
}
