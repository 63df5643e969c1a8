import { useEffect, useRef } from 'react'

/**
 * Shows a `<dialog>` as a real modal while mounted: the rest of the page becomes inert (focus
 * stays inside), Escape cancels, and focus returns to where it was when the dialog closes.
 */
export function useModal(onCancel: () => void) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancel = useRef(onCancel)
  useEffect(() => {
    cancel.current = onCancel
  }, [onCancel])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const onCancelEvent = (event: Event) => {
      event.preventDefault()
      cancel.current()
    }
    dialog.addEventListener('cancel', onCancelEvent)
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent)
      if (dialog.open) dialog.close()
      if (returnTo?.isConnected) returnTo.focus()
    }
  }, [])
  return ref
}
