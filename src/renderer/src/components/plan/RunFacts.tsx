import type { StoredResult } from '../../../../shared/project-schema'
import { isStale } from '../../../../shared/progress'
import { useNow } from '../../hooks/use-now'
import { PARTIAL_LABEL } from '../../lib/labels'
import type { InventoryResults } from '../../lib/inventory-view'
import { useStore } from '../../store'
import { selectSettings } from '../../store/selectors'
import { TimeAgo } from '../common/TimeAgo'

/** When one source was read, with Stale and Partial badges in words. */
function SourceRun({
  result,
  staleAfterDays,
  testId,
}: {
  result: StoredResult
  staleAfterDays: number
  testId: string
}) {
  const now = useNow()
  const stale = isStale(result.ranAt, staleAfterDays, now)
  return (
    <span className="inventory-run" data-testid={testId}>
      Read <TimeAgo iso={result.ranAt} />
      {result.partial ? (
        <>
          {' '}
          <span className="badge badge-warn" data-testid="partial-badge">
            Partial: {PARTIAL_LABEL[result.partial.reason]}
          </span>
        </>
      ) : null}
      {stale ? (
        <>
          {' '}
          <span className="badge badge-stale" data-testid="stale-badge">
            Stale
          </span>
        </>
      ) : null}
    </span>
  )
}

/**
 * What each source's latest inventory is: when it ran (stale past the project's age, partial
 * when cancelled or cut), the server and database, the couch2pg release found (or that it is not
 * a couch2pg database), and the CHT version of CouchDB. Read from the project copy only.
 */
export function RunFacts({ inventory }: { inventory: InventoryResults }) {
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const now = useNow()
  const { couch2pg, couchdb } = inventory
  const stale = [couch2pg?.result, couchdb?.result].some(
    (r) => r && isStale(r.ranAt, staleAfterDays, now),
  )
  if (!couch2pg && !couchdb) {
    return (
      <p className="inventory-none" data-testid="inventory-not-run">
        Not run yet. “Run inventory” reads the couch2pg database and CouchDB set on the Connections
        page; nothing is written to either.
      </p>
    )
  }
  return (
    <div className="inventory-facts">
      <dl className="inventory-sources">
        <div>
          <dt>couch2pg database</dt>
          <dd>
            {couch2pg ? (
              <>
                <SourceRun
                  result={couch2pg.result}
                  staleAfterDays={staleAfterDays}
                  testId="inventory-run-couch2pg"
                />
                {'. '}
                <span data-testid="couch2pg-release">
                  {couch2pg.details.couch2pg.found
                    ? couch2pg.details.couch2pg.release
                      ? `couch2pg ${couch2pg.details.couch2pg.release} found`
                      : 'couch2pg found; its release could not be told'
                    : 'Not a couch2pg database: nothing of couch2pg was found'}
                </span>
                {`. PostgreSQL ${couch2pg.details.server.version}, database `}
                <code>{couch2pg.details.server.database}</code>.
              </>
            ) : (
              'Not read yet.'
            )}
          </dd>
        </div>
        <div>
          <dt>CouchDB</dt>
          <dd>
            {couchdb ? (
              <>
                <SourceRun
                  result={couchdb.result}
                  staleAfterDays={staleAfterDays}
                  testId="inventory-run-couchdb"
                />
                {'. '}
                {couchdb.details.chtVersion
                  ? `CHT ${couchdb.details.chtVersion}`
                  : 'CHT version unknown'}
                {couchdb.details.couchVersion ? `, CouchDB ${couchdb.details.couchVersion}` : null}.
              </>
            ) : (
              'Not read yet.'
            )}
          </dd>
        </div>
      </dl>
      {couch2pg?.details.couch2pg.note ? (
        <p className="muted">{couch2pg.details.couch2pg.note}</p>
      ) : null}
      {stale ? (
        <p className="muted">
          A stale inventory may miss objects added since: run it again before relying on it.
        </p>
      ) : null}
    </div>
  )
}
