import { useState } from 'react'

/**
 * Puts text on the clipboard: the Clipboard API where the page may use it, else a selected
 * hidden textarea and the copy command (Electron answers no to permission requests). False when
 * neither worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'visually-hidden'
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // Inside an open modal dialog, the rest of the page is inert: the textarea goes in it.
    const host = returnTo?.closest('dialog') ?? document.body
    host.appendChild(area)
    area.select()
    let copied: boolean
    try {
      copied = document.execCommand('copy')
    } catch {
      copied = false
    }
    area.remove()
    returnTo?.focus()
    return copied
  }
}

/**
 * A Copy button with its outcome said next to it (and read out): “Copied.”, or how to copy by
 * hand when the clipboard is out of reach.
 */
export function CopyButton({
  text,
  label = 'Copy',
  accessibleLabel,
  className = 'button button-small',
}: {
  text: string
  label?: string
  /** A longer name for assistive technology, starting with the visible label. */
  accessibleLabel?: string
  className?: string
}) {
  const [status, setStatus] = useState<string | null>(null)
  const copy = async () => {
    setStatus((await copyText(text)) ? 'Copied.' : 'Could not copy: select the text and copy it.')
  }
  return (
    <span className="copy-control">
      <button
        type="button"
        className={className}
        aria-label={accessibleLabel}
        onClick={() => void copy()}
      >
        {label}
      </button>
      <span className="muted copy-status" aria-live="polite">
        {status}
      </span>
    </span>
  )
}
