import { FieldError } from './FieldError'

/**
 * A labelled one-line input with its error below it: `aria-invalid` and `aria-describedby`
 * (the error's id, after any hint given) follow the error. The field's id is `id`.
 */
export function TextField({
  id,
  label,
  value,
  error,
  onChange,
  type = 'text',
  className = 'field',
  labelClassName,
  inputClassName = 'input',
  hintId,
}: {
  id: string
  label: string
  value: string
  error: string | null | undefined
  onChange: (value: string) => void
  type?: 'text' | 'date'
  className?: string
  labelClassName?: string
  inputClassName?: string
  hintId?: string
}) {
  const describedBy = [hintId, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        className={inputClassName}
        value={value}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <FieldError fieldId={id} error={error} />
    </div>
  )
}
