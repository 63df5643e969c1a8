import { useState, type Ref } from 'react'
import type { FilePurpose } from '../../../../shared/contract-files'
import type { ReportFormat } from '../../../../shared/report/formats'
import { baseName, dirName, joinPath } from '../../lib/format'
import { isAbsolutePath, resolveTypedPath } from '../../lib/file-browser'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'
import { WrappedPath } from '../teardown/WrappedPath'
import { FileBrowser } from './FileBrowser'

/**
 * The path a form sends for what was typed: a relative path made full inside the default
 * projects folder (where the “Resolves to” line said it goes), a full one as it is.
 */
export function pathToSend(typed: string, defaultDir: string): string {
  const trimmed = typed.trim()
  return resolveTypedPath(trimmed, defaultDir) ?? trimmed
}

/**
 * Browser mode's path field with its file browser: the path can be typed (a relative one says
 * where it resolves), or made by browsing: for Open, choosing a file fills the path; for Save
 * and Export, moving to a folder puts the file name typed so far into it, and choosing an
 * existing file takes its name.
 */
export function PathPicker({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  purpose,
  format,
  autoFocus,
  browseLabel,
  inputRef,
}: {
  id: string
  label: string
  hint?: string | undefined
  value: string
  onChange: (path: string) => void
  error: string | null
  purpose: FilePurpose
  format?: ReportFormat | undefined
  autoFocus?: boolean | undefined
  /** What the browser is called: `Or choose the file on the computer running the wizard`. */
  browseLabel: string
  inputRef?: Ref<HTMLInputElement> | undefined
}) {
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const resolved = resolveTypedPath(value, defaultDir)
  const [startDir] = useState(() => {
    const full = pathToSend(value, defaultDir)
    return isAbsolutePath(full) ? dirName(full) : undefined
  })
  const describedBy = [
    hint ? `${id}-hint` : null,
    resolved ? `${id}-resolves` : null,
    error ? `${id}-error` : null,
  ].filter(Boolean)
  const typedName = baseName(value.trim())

  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          ref={inputRef}
          className="input input-mono"
          value={value}
          required
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {resolved ? (
          <p id={`${id}-resolves`} className="hint file-resolves" data-testid="path-resolves">
            Resolves to <WrappedPath path={resolved} />
          </p>
        ) : null}
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        <FieldError fieldId={id} error={error} />
      </div>
      <FileBrowser
        label={browseLabel}
        purpose={purpose}
        format={format}
        startDir={startDir}
        chosen={pathToSend(value, defaultDir)}
        onFolder={
          purpose === 'open' || !typedName ? undefined : (dir) => onChange(joinPath(dir, typedName))
        }
        onFile={(entry) => onChange(entry.path)}
      />
    </>
  )
}
