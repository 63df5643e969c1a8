import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { Decision } from '../../../../shared/inventory/decisions'
import {
  countText,
  daysText,
  EFFORT_DAYS,
  scopeSummary,
  type InventoryResults,
} from '../../lib/inventory-view'
import { DocLink } from '../common/DocLink'
import { ExportDbt } from './ExportDbt'
import { RunFacts } from './RunFacts'
import { RunInventory } from './RunInventory'

function Figure({ label, value, id }: { label: string; value: number; id: string }) {
  return (
    <div className="inventory-figure" data-count={id}>
      <dt>{label}</dt>
      <dd>{value.toLocaleString('en-US')}</dd>
    </div>
  )
}

/** The effort estimate in words, with the rule it follows. */
function Effort({ summary }: { summary: ReturnType<typeof scopeSummary> }) {
  const { effort, possible } = summary
  return (
    <div className="inventory-effort" data-testid="inventory-effort">
      <p>
        <strong>Estimated effort: {daysText(effort.days)}</strong>{' '}
        {effort.objects === 0
          ? '(no object is decided “rebuild” yet).'
          : `to rebuild ${countText(effort.objects)} as dbt models.`}
        {possible.objects > 0
          ? ` Up to ${daysText(possible.days)} more if the ${countText(possible.objects, 'undecided custom object')} are rebuilt too.`
          : null}
      </p>
      <p className="hint">
        An estimate, not a plan: {daysText(EFFORT_DAYS.simple)} for a simple object,{' '}
        {daysText(EFFORT_DAYS.medium)} for a medium one and {daysText(EFFORT_DAYS.significant)} for
        a significant one (an object without a mapping counts as medium). Replacing an object with
        base models and retiring one are not counted.
      </p>
    </div>
  )
}

/**
 * The top of the Plan step's inventory: when each source was read (stale and partial marked),
 * the couch2pg release found, the objects by origin and by decision, the effort estimate, and
 * the buttons to run the inventory and to export the dbt scaffolds.
 */
export function ScopeSummary({
  inventory,
  decisions,
}: {
  inventory: InventoryResults
  decisions: Readonly<Record<string, Decision>>
}) {
  const objects = inventory.couch2pg?.details.objects ?? []
  const summary = scopeSummary(objects, decisions)
  return (
    <section className="card inventory-scope" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">Inventory</h2>
      <p className="muted inventory-intro">
        The wizard reads the couch2pg database and CouchDB read-only and lists every object with
        what it reads, who installed it and how it maps onto cht-pipeline’s models. Decide for each
        custom object whether base models replace it, a new dbt model rebuilds it, or it retires.{' '}
        <DocLink href={PAGE.buildingModels.docUrl}>{PAGE.buildingModels.docTitle}</DocLink>
      </p>
      <RunFacts inventory={inventory} />
      {inventory.couch2pg ? (
        <div className="inventory-figures">
          <div>
            <h3 className="field-label">What the inventory found</h3>
            <dl className="inventory-figure-row">
              <Figure id="total" label="Objects" value={summary.total} />
              <Figure id="custom" label="Custom" value={summary.byOrigin.custom} />
              <Figure
                id="couch2pg"
                label="Installed by couch2pg"
                value={summary.byOrigin.couch2pg}
              />
              {summary.byOrigin.unknown > 0 ? (
                <Figure id="unknown" label="Origin unknown" value={summary.byOrigin.unknown} />
              ) : null}
            </dl>
          </div>
          <div>
            <h3 className="field-label">Decisions</h3>
            <dl className="inventory-figure-row">
              <Figure id="undecided" label="Undecided" value={summary.byDecision.undecided} />
              <Figure id="replace" label="Replace" value={summary.byDecision.replace} />
              <Figure id="rebuild" label="Rebuild" value={summary.byDecision.rebuild} />
              <Figure id="retire" label="Retire" value={summary.byDecision.retire} />
            </dl>
            <p className="hint">
              {summary.undecidedCustom === 0
                ? 'Every custom object has a decision.'
                : `${countText(summary.undecidedCustom, 'custom object')} still ${summary.undecidedCustom === 1 ? 'needs' : 'need'} a decision.`}
            </p>
          </div>
        </div>
      ) : null}
      {inventory.couch2pg ? <Effort summary={summary} /> : null}
      <div className="inventory-actions">
        <RunInventory />
        <ExportDbt rebuilds={summary.byDecision.rebuild} />
      </div>
    </section>
  )
}
