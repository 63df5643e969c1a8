import type { ReactNode } from 'react'
import type { InventoryDetails, InventoryObject } from '../../../../shared/results/inventory-result'
import { exactTime } from '../../lib/format'
import { COMPLEXITY_LABEL, ORIGIN_LABEL } from '../../lib/inventory-view'

/**
 * The sections of an object's detail pane that only show facts: what it reads, where it came
 * from, how it is used, its materialized view facts, its mapping and its columns.
 */

type Server = InventoryDetails['server']

/** A titled part of the detail pane. */
export function DetailSection({
  title,
  children,
  testId,
}: {
  title: string
  children: ReactNode
  testId?: string
}) {
  return (
    <section className="inventory-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  )
}

/** Names shown as a wrapping list of code chips, or a dash when there are none. */
function Chips({ items, label }: { items: readonly string[]; label: string }) {
  if (items.length === 0) return <span className="muted">none</span>
  return (
    <ul className="inventory-chips" aria-label={label}>
      {items.map((item, i) => (
        <li key={i}>
          <code>{item}</code>
        </li>
      ))}
    </ul>
  )
}

const count = (n: number | null) => (n === null ? 'not counted' : n.toLocaleString('en-US'))

/** What the SQL analysis found: the JSON paths read, the filters on them and the references. */
export function ReadsSection({ object }: { object: InventoryObject }) {
  const a = object.analysis
  return (
    <DetailSection title="What it reads" testId="detail-reads">
      {!a ? (
        <p className="muted">Not analysed: the wizard analyses the SQL of views and functions.</p>
      ) : (
        <dl className="inventory-facts-list">
          <dt>JSON paths</dt>
          <dd>
            <Chips items={a.jsonPaths} label="JSON paths" />
          </dd>
          <dt>Filters</dt>
          <dd>
            {a.filters.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="inventory-chips" aria-label="Filters">
                {a.filters.map((f, i) => (
                  <li key={i}>
                    <code>
                      {f.path} {f.values.length === 1 ? '=' : 'in'} {f.values.join(', ')}
                    </code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>References</dt>
          <dd>
            <Chips items={a.references} label="References" />
          </dd>
        </dl>
      )}
    </DetailSection>
  )
}

/** Who installed the object, the couch2pg release, and how it differs from the release. */
export function OriginSection({ object }: { object: InventoryObject }) {
  const { origin, release, modified, note } = object.origin
  return (
    <DetailSection title="Origin" testId="detail-origin">
      <p data-testid="detail-origin-label">
        <strong>{ORIGIN_LABEL[origin]}</strong>
        {release ? ` (couch2pg ${release})` : null}.
      </p>
      {modified ? (
        <p className="banner banner-warning inventory-note" data-testid="detail-modified">
          <strong>Differs from the release.</strong> {note ?? ''}
        </p>
      ) : note ? (
        <p className="muted">{note}</p>
      ) : null}
    </DetailSection>
  )
}

/** The statistics views' figures for the object, and since when they count. */
export function UsageSection({ object, server }: { object: InventoryObject; server: Server }) {
  const u = object.usage
  const none = Object.values(u).every((v) => v === null)
  return (
    <DetailSection title="Usage" testId="detail-usage">
      {none ? (
        <p className="muted">No usage statistics for this object.</p>
      ) : (
        <dl className="inventory-facts-list">
          <dt>Sequential scans</dt>
          <dd>{count(u.seqScans)}</dd>
          <dt>Index scans</dt>
          <dd>{count(u.idxScans)}</dd>
          <dt>Function calls</dt>
          <dd>{count(u.calls)}</dd>
          <dt>Calls of statements naming it</dt>
          <dd>
            {count(u.statementCalls)}
            {u.statements !== null ? ` (${u.statements.toLocaleString('en-US')} statements)` : null}
          </dd>
          <dt>Last vacuum</dt>
          <dd>{u.lastVacuum ? exactTime(u.lastVacuum) : 'never recorded'}</dd>
          <dt>Last analyze</dt>
          <dd>{u.lastAnalyze ? exactTime(u.lastAnalyze) : 'never recorded'}</dd>
        </dl>
      )}
      <p className="hint">
        {server.statsSince
          ? `Counted since ${exactTime(server.statsSince)}, when the statistics were last reset.`
          : 'The server does not say since when it counts.'}
        {server.statements === 'not-installed'
          ? ' pg_stat_statements is not installed, so statements are not counted.'
          : server.statements === 'no-access'
            ? ' The wizard’s user may not read pg_stat_statements.'
            : null}
        {server.trackFunctions === 'none'
          ? ' track_functions is off, so function calls are not counted.'
          : null}
      </p>
    </DetailSection>
  )
}

/** A materialized view's state: populated, and whether it can be refreshed concurrently. */
export function MatviewSection({ object }: { object: InventoryObject }) {
  if (!object.matview) return null
  const { populated, uniqueIndex } = object.matview
  return (
    <DetailSection title="Materialized view" testId="detail-matview">
      <ul className="plain-list">
        <li>{populated ? 'Populated.' : 'Not populated: it holds no rows until refreshed.'}</li>
        <li>
          {uniqueIndex
            ? 'Has a unique index, so couch2pg’s refresh_matviews() refreshes it concurrently.'
            : 'Has no unique index, so it cannot be refreshed concurrently (reads wait during a refresh).'}
        </li>
        <li>
          PostgreSQL keeps no record of when it was last refreshed: the functions that refresh it
          are under “Read by”, and the last analyze under Usage is the nearest hint.
        </li>
      </ul>
    </DetailSection>
  )
}

/** How the object maps onto cht-pipeline: base models, forms, what is left and why the band. */
export function MappingSection({ object }: { object: InventoryObject }) {
  const m = object.mapping
  return (
    <DetailSection title="Mapping onto cht-pipeline" testId="detail-mapping">
      {!m ? (
        <p className="muted">No mapping: nothing of it needs a new home in cht-pipeline.</p>
      ) : (
        <>
          <dl className="inventory-facts-list">
            <dt>Base models</dt>
            <dd>
              <Chips items={m.models} label="Base models" />
            </dd>
            <dt>Forms</dt>
            <dd>
              <Chips items={m.forms} label="Forms" />
            </dd>
            <dt>Complexity</dt>
            <dd>
              <strong>{COMPLEXITY_LABEL[m.complexity]}</strong>
            </dd>
          </dl>
          {m.reasons.length > 0 ? (
            <ul className="inventory-reasons" aria-label="Why this complexity">
              {m.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          ) : null}
          <p>
            {m.leftover
              ? `Not covered by the base models: ${m.leftover}`
              : 'The base models cover everything it reads.'}
          </p>
        </>
      )}
    </DetailSection>
  )
}

/** The object's columns with their types (scrolls past a few dozen). */
export function ColumnsSection({ object }: { object: InventoryObject }) {
  if (object.columns.length === 0) return null
  return (
    <DetailSection title={`Columns (${object.columns.length.toLocaleString('en-US')})`}>
      <div
        className="table-scroll inventory-columns"
        role="region"
        aria-label={`Columns of ${object.name}`}
        tabIndex={0}
      >
        <table className="inventory-small-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {object.columns.map((c, i) => (
              <tr key={i}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </DetailSection>
  )
}
