import { useStore } from '../../store'

/**
 * The polite live region: confirmations such as “Project saved.” are read out by screen readers
 * without moving focus. Always in the page, so announcements are never lost.
 */
export function StatusRegion() {
  const announcement = useStore((s) => s.announcement)
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement ? <span key={announcement.id}>{announcement.text}</span> : null}
    </div>
  )
}
