/**
 * The error message of one form field, announced when it appears.
 *
 * Its id is `<fieldId>-error`, which the field lists in `aria-describedby`.
 */
export function FieldError({
  fieldId,
  error,
  as: Tag = 'p',
}: {
  fieldId: string
  error: string | null | undefined
  as?: 'p' | 'span'
}) {
  if (!error) return null
  return (
    <Tag id={`${fieldId}-error`} className="field-error" role="alert">
      {error}
    </Tag>
  )
}
