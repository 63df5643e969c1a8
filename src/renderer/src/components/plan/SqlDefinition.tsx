import { useMemo } from 'react'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { highlightSql } from '../../lib/inventory-highlight'
import { DetailSection } from './DetailSections'

/**
 * An object's SQL definition, highlighted. The HTML comes only from highlight.js, which escapes
 * the whole text it is given (see `highlightSql`); a definition too long to highlight is shown as
 * plain text, escaped by React. Tokens are styled by class in plan.css.
 */
export function SqlDefinition({ object }: { object: InventoryObject }) {
  const sql = object.definition
  const html = useMemo(() => (sql ? highlightSql(sql) : null), [sql])
  const title = object.language ? `Definition (${object.language})` : 'Definition'
  return (
    <DetailSection title={title} testId="detail-definition">
      {object.analysis?.parseError ? (
        <p className="banner banner-warning inventory-note" data-testid="detail-parse-error">
          <strong>SQL the parser rejected:</strong> {object.analysis.parseError}
        </p>
      ) : null}
      {!sql ? (
        <p className="muted">
          {object.unreadable
            ? 'The definition could not be read.'
            : 'No definition: tables, sequences and extensions have none.'}
        </p>
      ) : (
        <div
          className="inventory-sql"
          role="region"
          aria-label={`SQL of ${object.name}`}
          tabIndex={0}
        >
          <pre>
            {html === null ? (
              <code>{sql}</code>
            ) : (
              // highlight.js escapes the text; it only adds <span class="hljs-…"> (SEC-05).
              <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
            )}
          </pre>
        </div>
      )}
    </DetailSection>
  )
}
