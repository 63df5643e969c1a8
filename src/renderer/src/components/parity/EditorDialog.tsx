import { useId, type ReactNode } from 'react'
import { useModal } from '../../hooks/use-modal'
import { FieldError } from '../common/FieldError'

/**
 * The frame and fields the Parity page's editors share: a wide modal dialog (labelled by its
 * title, the page behind it inert, Escape cancels, focus returns where it was), and a labelled
 * text field with its hint and its error announced.
 */
export function EditorDialog({
  title,
  onCancel,
  children,
}: {
  title: string
  onCancel: () => void
  children: ReactNode
}) {
  const ref = useModal(onCancel)
  const titleId = useId()
  return (
    <dialog ref={ref} className="modal parity-editor" aria-labelledby={titleId}>
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}

/** The DOM id of a form's field from its error key (`keys.r3.old` → `<prefix>-keys-r3-old`). */
export const fieldDomId = (prefix: string, key: string): string =>
  `${prefix}-${key.replace(/\./g, '-')}`

/** `aria-describedby` of a field: its hint and its error, when shown. */
export const describedBy = (id: string, hint: boolean, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

/** A labelled text input or textarea with an optional hint and its error. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  mono = false,
  rows,
  list,
  placeholder,
  inputMode,
  className = '',
  hideLabel = false,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string
  hint?: ReactNode
  mono?: boolean
  /** A textarea of this many rows instead of an input. */
  rows?: number
  list?: string
  placeholder?: string
  inputMode?: 'decimal' | 'numeric'
  className?: string
  /** The label is read by assistive technology only (a row whose column header says it). */
  hideLabel?: boolean
}) {
  const common = {
    id,
    value,
    className: `input${mono ? ' input-mono' : ''}${rows ? ' textarea' : ''}`,
    spellCheck: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint !== undefined, error),
  }
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          list={list}
          placeholder={placeholder}
          inputMode={inputMode}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint !== undefined ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError fieldId={id} error={error} />
    </div>
  )
}
