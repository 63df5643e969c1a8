import type { Block, ReportContext } from '../model'
import { dateTimeText, missing, said, t, toned } from '../text'
import { sizeText } from '../../teardown/gate-types'
import type { StoredInventories } from './plan-tables'

/** The CHT version and the CouchDB databases with their document counts. */
export function couchdbBlocks(
  inv: NonNullable<StoredInventories['couchdb']>,
  ctx: ReportContext,
): Block[] {
  const { result, details } = inv
  return [
    { type: 'heading', text: 'The CHT instance’s CouchDB', anchor: 'plan-couchdb' },
    {
      type: 'facts',
      rows: [
        { label: 'Read on', value: [t(dateTimeText(result.ranAt, ctx))] },
        {
          label: 'CHT version',
          value: [details.chtVersion ? t(said(details.chtVersion, 200)) : missing('not found')],
        },
        {
          label: 'CouchDB version',
          value: [details.couchVersion ? t(said(details.couchVersion, 200)) : missing('not found')],
        },
      ],
    },
    {
      type: 'table',
      caption: 'CouchDB databases and their documents',
      columns: [
        { key: 'database', label: 'Database', width: 3 },
        { key: 'documents', label: 'Documents', width: 1.5, align: 'right' },
        { key: 'deleted', label: 'Deleted', width: 1.5, align: 'right' },
        { key: 'size', label: 'Size', width: 1.5, align: 'right' },
      ],
      rows: details.databases.map((d) => [
        said(d.name, 200),
        d.docCount === null
          ? toned(d.error ? `Not read: ${said(d.error, 200)}` : 'Not read', 'warn')
          : d.docCount,
        d.deletedCount,
        d.sizeBytes === null ? null : sizeText(d.sizeBytes),
      ]),
      empty: 'The inventory found no database on CouchDB.',
    },
  ]
}
