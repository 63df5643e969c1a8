import { useStore } from '../../store'

/**
 * A visible confirmation (an export written, a copy saved). Screen readers already heard it from
 * the live region, so this is plain content, not a second announcement.
 */
export function NoticeBanner() {
  const notice = useStore((s) => s.notice)
  const showNotice = useStore((s) => s.showNotice)
  if (!notice) return null
  return (
    <div className="banner banner-success" data-testid="notice">
      <p>{notice}</p>
      <button type="button" className="button button-small" onClick={() => showNotice(null)}>
        Dismiss
      </button>
    </div>
  )
}
