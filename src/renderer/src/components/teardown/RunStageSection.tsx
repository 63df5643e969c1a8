import { useId, useState, useTransition, type FormEvent } from 'react'
import type { OpOutput } from '../../../../shared/contract'
import type { TeardownGate } from '../../../../shared/teardown/gates'
import {
  EXECUTABLE_STAGES,
  type ExecutableStage,
  type ExecutionRecord,
  type TeardownOverride,
} from '../../../../shared/teardown/teardown-settings'
import { executeStage } from '../../actions/teardown-actions'
import { exactTime } from '../../lib/format'
import { renameStanding, runBlockedReason, STAGE_LABEL } from '../../lib/teardown-view'
import { FieldError } from '../common/FieldError'
import { CredentialFields } from './CredentialFields'
import { StageResult } from './StageResult'

interface Answer {
  /** Counts the answers, so each one's view is new (and takes the focus). */
  seq: number
  result: OpOutput<'teardown.execute'>
  stage: ExecutableStage
  dryRun: boolean
}

/**
 * “Run the database stages”: a privileged credential for this run only (held in this form's
 * state, sent once, cleared after each run: never in the store or the project), the maintenance
 * database, the stage, the database's name typed to confirm, and “Dry run” (lists what would run)
 * or “Run”. Run stays disabled, with why, until the name matches and the gates are met or an
 * override covers them; the engine judges everything again before each statement. Below, what
 * the last run answered, statement by statement.
 */
export function RunStageSection({
  database,
  gates,
  override,
  executions,
  graceDays,
}: {
  database: string | null
  gates: readonly TeardownGate[]
  override: TeardownOverride | null
  executions: readonly ExecutionRecord[]
  graceDays: number
}) {
  const id = useId()
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const [maintenance, setMaintenance] = useState('postgres')
  const [stage, setStage] = useState<ExecutableStage>('revoke-rename')
  const [typed, setTyped] = useState('')
  const [errors, setErrors] = useState<{ user?: string; maintenance?: string }>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [pending, startTransition] = useTransition()
  const blocked = runBlockedReason({ database, gates, override, typedName: typed })
  const renamed = renameStanding(executions, graceDays)

  const go = (dryRun: boolean) => {
    if (pending || database === null || (!dryRun && blocked)) return
    const found: { user?: string; maintenance?: string } = {}
    // A dry run without a user judges the project's rules only; a run needs one.
    if (!dryRun && !user.trim()) {
      found.user = 'Give a user allowed to rename and drop the database (a superuser or its owner).'
    }
    if (!maintenance.trim()) found.maintenance = 'Give the maintenance database (usually postgres).'
    setErrors(found)
    if (found.user || found.maintenance) {
      document.getElementById(found.user ? `${id}-user` : `${id}-maintenance`)?.focus()
      return
    }
    setFailure(null)
    startTransition(async () => {
      const result = await executeStage({
        stage,
        dryRun,
        confirmName: typed,
        ...(user.trim() ? { credential: { user: user.trim(), password } } : {}),
        maintenanceDatabase: maintenance.trim(),
      })
      // The credential is for one run only.
      setUser('')
      setPassword('')
      if (!dryRun) setTyped('')
      if (result.ok) {
        setAnswer((a) => ({ seq: (a?.seq ?? 0) + 1, result: result.value, stage, dryRun }))
      } else {
        setAnswer(null)
        setFailure(result.error.message)
      }
    })
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    go(true)
  }

  return (
    <section
      className="card teardown-run"
      aria-labelledby="teardown-run-heading"
      data-testid="teardown-run"
    >
      <h2 id="teardown-run-heading">Run the database stages</h2>
      <p className="muted">
        The wizard connects to the maintenance database with a privileged user you give for this run
        only: it is not saved anywhere, and it is not the connection the wizard reads with. Every
        statement and its outcome goes to the audit trail below. A dry run changes nothing: it lists
        what would run and, with a user, checks the server's state and the role's rights in a
        read-only session.
      </p>
      {database === null ? (
        <p className="muted">Set the couch2pg connection (Connections page) first.</p>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="teardown-run-heading">
          <CredentialFields
            id={id}
            user={user}
            password={password}
            maintenance={maintenance}
            errors={errors}
            onUser={setUser}
            onPassword={setPassword}
            onMaintenance={setMaintenance}
          />
          <fieldset className="field teardown-stage-choice">
            <legend className="field-label">Stage</legend>
            {EXECUTABLE_STAGES.map((s) => (
              <label key={s} className="teardown-check">
                <input
                  type="radio"
                  name={`${id}-stage`}
                  value={s}
                  checked={stage === s}
                  onChange={() => setStage(s)}
                />
                {STAGE_LABEL[s]}
              </label>
            ))}
            {stage === 'drop' ? (
              <p className="hint">
                {renamed
                  ? `Renamed by the wizard ${exactTime(renamed.renamedAt)}; the grace period allows the drop from ${exactTime(renamed.dropFrom)}.`
                  : 'The drop needs the rename done from here first and the grace period passed.'}{' '}
                It also needs the verified backup, even under an override.
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-confirm`}>Type the database name to confirm</label>
            <p id={`${id}-confirm-hint`} className="hint">
              The couch2pg database is <code>{database}</code>.
            </p>
            <input
              id={`${id}-confirm`}
              className="input input-mono teardown-short-input"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              aria-describedby={`${id}-confirm-hint`}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" aria-disabled={pending || undefined}>
              Dry run
            </button>
            <button
              type="button"
              className="button button-danger"
              aria-disabled={pending || blocked !== null || undefined}
              aria-describedby={blocked ? `${id}-blocked` : undefined}
              onClick={() => go(false)}
            >
              Run
            </button>
            <p aria-live="polite" className="muted teardown-status">
              {pending ? 'Running…' : null}
            </p>
          </div>
          {blocked ? (
            <p id={`${id}-blocked`} className="teardown-blocked" data-testid="teardown-run-blocked">
              Run is disabled: {blocked}
            </p>
          ) : null}
          {failure ? (
            <FieldError fieldId={`${id}-run`} error={`The stage did not run: ${failure}`} />
          ) : null}
        </form>
      )}
      {answer ? (
        <StageResult
          key={answer.seq}
          result={answer.result}
          stage={answer.stage}
          dryRun={answer.dryRun}
        />
      ) : null}
    </section>
  )
}
