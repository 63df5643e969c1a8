import { checksOfItem } from '../../../../shared/checks/check-catalog'
import { checkResultOf } from '../../../../shared/checks/gate'
import { useStore } from '../../store'
import { selectResults, selectSettings } from '../../store/selectors'
import { CheckRow } from './CheckRow'
import { SizingCalculator } from './SizingCalculator'
import { SourcesForm } from './SourcesForm'

/** The item where the CHT Sync configuration is chosen, and the one the calculator sizes. */
const SOURCES_ITEM = 'setup.env-file'
const SIZING_ITEM = 'production.disk-sizing'

/**
 * The automated checks of a checklist item, each with its latest result; the item that the
 * configuration checks read from has the form to choose the file, the disk item the calculator.
 */
export function ItemChecks({ itemId, itemTitle }: { itemId: string; itemTitle: string }) {
  const results = useStore(selectResults)
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const checks = checksOfItem(itemId)
  return (
    <div className="item-checks">
      {itemId === SOURCES_ITEM ? <SourcesForm which="config" /> : null}
      {itemId === SIZING_ITEM ? <SizingCalculator /> : null}
      <p className="field-label">Automated {checks.length === 1 ? 'check' : 'checks'}</p>
      <ul className="check-list" aria-label={`Automated checks of “${itemTitle}”`}>
        {checks.map((check) => (
          <CheckRow
            key={check.id}
            check={check}
            result={checkResultOf(results, check.id)}
            staleAfterDays={staleAfterDays}
          />
        ))}
      </ul>
    </div>
  )
}
