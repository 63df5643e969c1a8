import { useId, type ReactNode } from 'react'
import { useModal } from '../../hooks/use-modal'

/**
 * A modal dialog on the native `<dialog>` element: labelled by its title, the page behind it
 * inert, Escape calls `onCancel`.
 */
export function Modal({
  title,
  onCancel,
  children,
  describedBy,
  className,
}: {
  title: string
  onCancel: () => void
  children: (ids: { titleId: string }) => ReactNode
  describedBy?: string
  /** Added to `modal`, for a dialog that needs another width. */
  className?: string
}) {
  const ref = useModal(onCancel)
  const titleId = useId()
  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children({ titleId })}
    </dialog>
  )
}
