import type { DemoUser } from './hierarchy'
import type { Prng } from './prng'
import type { Body } from './revisions'

/**
 * CHT 4's log documents in `medic-logs` (cht-core `connected-user-log` and
 * `replication-limit-log`). Neither has a `type`: in couch2pg's `couchdb_medic_logs` and the CHT
 * Sync raw table, `doc->>'type'` is NULL for them.
 */

/** `connected-user-<name>`: when the user last reached the server (ms), rewritten every 30 min. */
export function connectedUserBody(user: DemoUser, lastSeen: number): Body {
  return { _id: `connected-user-${user.name}`, user: user.name, timestamp: lastSeen }
}

/** An earlier connection: a few hours to a few days before. */
export function earlierConnectedUser(body: Body): Body {
  return { ...body, timestamp: Number(body.timestamp) - 3 * 3_600_000 }
}

/**
 * `replication-count-<name>`: a user whose replication went over the warning limit of documents
 * (10,000 in CHT 4), with the count and when it was logged.
 */
export function replicationCountBody(user: DemoUser, date: number, prng: Prng): Body {
  return {
    _id: `replication-count-${user.name}`,
    user: user.name,
    date,
    count: prng.int(10_001, 14_000),
  }
}

/** The count logged the month before. */
export function earlierReplicationCount(body: Body): Body {
  return { ...body, count: Number(body.count) - 150, date: Number(body.date) - 32 * 86_400_000 }
}

/** Users with a replication-count log: one in eight, at least one. */
export const replicationLogCount = (users: number): number => Math.max(1, Math.floor(users / 8))
