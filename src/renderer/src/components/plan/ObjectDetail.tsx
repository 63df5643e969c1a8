import { useEffect, useRef } from 'react'
import type { Decision } from '../../../../shared/inventory/decisions'
import { objectLabel } from '../../../../shared/inventory/object-key'
import type { InventoryDetails, InventoryObject } from '../../../../shared/results/inventory-result'
import { formatBytes } from '../../lib/sizing'
import { KIND_LABEL, ORIGIN_LABEL } from '../../lib/inventory-view'
import { DecisionForm } from './DecisionForm'
import { DependencyGraph } from './DependencyGraph'
import {
  ColumnsSection,
  MappingSection,
  MatviewSection,
  OriginSection,
  ReadsSection,
  UsageSection,
} from './DetailSections'
import { SqlDefinition } from './SqlDefinition'

/** Why the object needs a person's eyes: unreadable, rejected SQL, or flagged for review. */
function Warnings({ object }: { object: InventoryObject }) {
  const review = object.analysis?.manualReview
  return (
    <>
      {object.unreadable ? (
        <p className="banner banner-error inventory-note" data-testid="detail-unreadable">
          <strong>Could not read it:</strong> {object.unreadable}
        </p>
      ) : null}
      {review ? (
        <p className="banner banner-warning inventory-note" data-testid="detail-review">
          <strong>Needs manual review:</strong> {review}
        </p>
      ) : null}
      {object.analysis?.parseError ? (
        <p className="banner banner-warning inventory-note">
          <strong>SQL the parser rejected</strong> (its message is shown with the definition).
        </p>
      ) : null}
    </>
  )
}

/** The facts at the top: schema, database owner, language, size, rows. */
function Facts({ object }: { object: InventoryObject }) {
  return (
    <dl className="inventory-detail-facts">
      <div>
        <dt>Schema</dt>
        <dd>
          <code>{object.schema}</code>
        </dd>
      </div>
      <div>
        <dt>Database owner</dt>
        <dd>{object.owner ?? '—'}</dd>
      </div>
      {object.language ? (
        <div>
          <dt>Language</dt>
          <dd>{object.language}</dd>
        </div>
      ) : null}
      <div>
        <dt>Size</dt>
        <dd>{object.sizeBytes === null ? '—' : formatBytes(object.sizeBytes)}</dd>
      </div>
      <div>
        <dt>Rows</dt>
        <dd>{object.rows === null ? '—' : object.rows.toLocaleString('en-US')}</dd>
      </div>
    </dl>
  )
}

/**
 * Everything about one object: warnings, facts, the decision form, its mapping, its dependency
 * graph, what it reads, its origin, usage, materialized view facts, definition and columns. Its
 * heading takes focus when `focusRequest` changes (an object opened from the graph or a list).
 */
export function ObjectDetail({
  object,
  decision,
  byKey,
  server,
  focusRequest,
  onOpen,
}: {
  object: InventoryObject
  decision: Decision | undefined
  byKey: ReadonlyMap<string, InventoryObject>
  server: InventoryDetails['server']
  focusRequest: number
  onOpen: (key: string) => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus()
  }, [focusRequest])
  const label = objectLabel(object)
  return (
    <section
      className="card inventory-detail"
      aria-labelledby="inventory-detail-heading"
      data-testid="object-detail"
      data-key={object.key}
    >
      <p className="eyebrow">
        {KIND_LABEL[object.kind]} · {ORIGIN_LABEL[object.origin.origin]}
      </p>
      <h2
        id="inventory-detail-heading"
        ref={heading}
        tabIndex={-1}
        className="inventory-detail-title"
      >
        {label}
      </h2>
      <Warnings object={object} />
      <Facts object={object} />
      <DecisionForm key={object.key} object={object} decision={decision} />
      <MappingSection object={object} />
      <DependencyGraph object={object} byKey={byKey} onOpen={onOpen} />
      <ReadsSection object={object} />
      <OriginSection object={object} />
      <UsageSection object={object} server={server} />
      <MatviewSection object={object} />
      <SqlDefinition object={object} />
      <ColumnsSection object={object} />
    </section>
  )
}
