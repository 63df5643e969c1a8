import { emptyParity, type ParitySettings } from '../../../../shared/parity-definitions'
import { comparisonEntries } from '../../lib/parity-view'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { ComparisonsSetUp } from './ComparisonsSetUp'
import { DocumentParity } from './DocumentParity'
import { ParityTrend } from './ParityTrend'
import { ReplicaDashboard } from './ReplicaDashboard'
import { RunComparisons } from './RunComparisons'

const NO_PARITY: ParitySettings = emptyParity()

/**
 * The Parity step's own tools above its checklist: document parity's results, the comparisons
 * set up (with suggestions), running them, the replica dashboard of the metrics, and the trend
 * towards the green days the teardown gate asks for. Everything shown comes from the project
 * copy, so a saved project is reviewed offline the same way.
 */
export function ParityPanel() {
  const parity = useStore((s) => s.project?.document.parity ?? NO_PARITY)
  const results = useStore(selectResults)
  const connected = useStore((s) => {
    const c = s.project?.document.connections
    return Boolean(c?.couchdb && c.couch2pg && c.chtSync)
  })
  const entries = comparisonEntries(parity, results)
  return (
    <div className="parity-panel" data-testid="parity-panel">
      <DocumentParity results={results} connected={connected} />
      <ComparisonsSetUp entries={entries} />
      <RunComparisons count={entries.length} connected={connected} />
      <ReplicaDashboard metrics={parity.metrics} results={results} />
      <ParityTrend results={results} parity={parity} />
    </div>
  )
}
