import { useRef, useState, useTransition, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import type { FormErrors, FormOutcome } from '../lib/parity-edit-common'

/**
 * The save of an editor dialog: on submit, the form is checked (`check`); its problems show
 * beside their fields, focus moving to the first; a valid definition is saved (`save` answers
 * why it failed, or null) and the dialog closes, else the failure shows in the dialog.
 */
export function useEditorSave<T>(
  check: () => FormOutcome<T>,
  save: (value: T) => Promise<string | null>,
  onClose: () => void,
) {
  const formRef = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<FormErrors>({})
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, startSaving] = useTransition()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSaveError(null)
    const outcome = check()
    if (!outcome.ok) {
      flushSync(() => setErrors(outcome.errors))
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setErrors({})
    startSaving(async () => {
      const failure = await save(outcome.value)
      if (failure) setSaveError(failure)
      else onClose()
    })
  }
  return { formRef, errors, saveError, saving, submit }
}
