import type { Body } from './revisions'
import type { CouchDoc } from './types'

/**
 * Sentinel's info document for a `medic` document (in `medic-sentinel`): `<id>-info`, with the
 * replication dates and the transitions that ran on it.
 */
export function infoBody(source: CouchDoc, reported: number, latest: number): Body {
  const transition =
    source.type === 'data_record' ? 'update_clinics' : 'generate_shortcode_on_contacts'
  return {
    _id: `${source._id}-info`,
    type: 'info',
    doc_id: source._id,
    initial_replication_date: new Date(reported).toISOString(),
    latest_replication_date: new Date(Math.max(reported, latest)).toISOString(),
    transitions: { [transition]: { last_rev: source._rev, seq: null, ok: true } },
  }
}

/** The info document before its transitions ran. */
export function earlierInfo(body: Body): Body {
  const { transitions: _t, ...rest } = body
  return { ...rest, latest_replication_date: body.initial_replication_date } as Body
}
