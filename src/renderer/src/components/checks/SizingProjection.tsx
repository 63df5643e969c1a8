import { useId, type ReactNode } from 'react'
import type { SizingInputs } from '../../../../shared/checks/check-settings'
import { findCheck } from '../../../../shared/checks/check-catalog'
import type { CheckDetails } from '../../../../shared/results/check-result'
import {
  formatBytes,
  percentText,
  projectSizing,
  sizingFigures,
  type Projection,
} from '../../lib/sizing'

const SIZING_CHECK = 'production.sizing'

const BASIS: Record<Extract<Projection, { ok: true }>['basis'], string> = {
  sample: 'the synced sample divided by the share synced',
  whole: 'the synced fraction is unknown: the sample is taken as the whole',
  couch2pg: 'no CHT Sync size: the couch2pg database stands in',
}

const FIT = {
  fits: ['badge-pass', 'Enough'],
  tight: ['badge-warn', 'Less than 20% to spare'],
  short: ['badge-fail', 'Not enough'],
} as const

const bytes = (value: number | null) => (value === null ? 'not measured' : formatBytes(value))

function Row({ label, children, id }: { label: string; children: ReactNode; id?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={id}>{children}</dd>
    </div>
  )
}

/**
 * What `production.sizing` measured (each figure as far as it was), and the projection from the
 * calculator's current inputs: the CHT Sync database fully synced, grown over the years with
 * index overhead, plus the couch2pg database beside it, against the free disk.
 */
export function SizingProjection({
  details,
  inputs,
}: {
  details: CheckDetails | null
  inputs: Pick<SizingInputs, 'growthPerYear' | 'years' | 'freeDiskGb'>
}) {
  const ids = useId()
  if (!details) {
    return (
      <p className="muted">
        Run “{findCheck(SIZING_CHECK)?.title}” below to measure the databases; the projection then
        follows these inputs.
      </p>
    )
  }
  const figures = sizingFigures(details.evidence)
  const p = projectSizing(figures, inputs)
  const years = `${inputs.years} ${inputs.years === 1 ? 'year' : 'years'}`
  return (
    <div className="sizing-figures" data-testid="sizing-projection">
      <div>
        <p className="sizing-caption" id={`${ids}-measured`}>
          Measured by the check
        </p>
        <dl className="sizing-list" aria-labelledby={`${ids}-measured`}>
          <Row label="CHT Sync database (synced so far)">{bytes(figures.chtSyncBytes)}</Row>
          <Row label="Synced fraction">
            {figures.syncedFraction === null ? 'not measured' : percentText(figures.syncedFraction)}
          </Row>
          <Row label="couch2pg database">{bytes(figures.couch2pgBytes)}</Row>
          <Row label="CouchDB">{bytes(figures.couchdbBytes)}</Row>
        </dl>
      </div>
      {!p.ok ? (
        <p className="muted">No projection: {p.reason}</p>
      ) : (
        <>
          <div>
            <p className="sizing-caption" id={`${ids}-projected`}>
              Projected from these inputs
            </p>
            <dl className="sizing-list sizing-projected" aria-labelledby={`${ids}-projected`}>
              <Row label="CHT Sync database, fully synced">{formatBytes(p.fullBytes)}</Row>
              <Row
                label={`In ${years} at ${percentText(inputs.growthPerYear)} a year, plus 20% for indexes`}
                id="sizing-projected"
              >
                {formatBytes(p.projectedBytes)}
              </Row>
              <Row label="With the couch2pg database beside it" id="sizing-needed">
                {formatBytes(p.neededBytes)}
              </Row>
              <Row
                label={
                  p.freeSource === 'measured' ? 'Free disk, as the check found it' : 'Free disk'
                }
              >
                {p.freeBytes === null || p.fit === null ? (
                  'not entered'
                ) : (
                  <>
                    {formatBytes(p.freeBytes)}{' '}
                    <span className={`badge ${FIT[p.fit][0]}`}>{FIT[p.fit][1]}</span>
                  </>
                )}
              </Row>
            </dl>
          </div>
          <p className="muted sizing-basis">Projected from {BASIS[p.basis]}.</p>
        </>
      )}
    </div>
  )
}
