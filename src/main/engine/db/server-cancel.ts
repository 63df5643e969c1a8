import pg from 'pg'

/** The fields of a connected client that a PostgreSQL CancelRequest needs (not in pg's types). */
interface BackendKey {
  processID: number | null
  secretKey: number | null
}

/** pg's `Client.prototype.cancel`, which the type definitions leave out. */
interface Canceller {
  cancel(client: { activeQuery: unknown } & BackendKey, query: unknown): void
  connection: pg.Connection
}

/**
 * Asks the server to cancel whatever `client` is running, over a separate connection (PostgreSQL's
 * CancelRequest, what libpq's PQcancel sends): without it the query would run on until its
 * statement timeout after the caller gave up, holding a backend and maybe locks.
 *
 * Uses pg's own `Client.prototype.cancel` on a new client with the pool's settings (host, port,
 * or Unix socket). It is handed a stand-in carrying the backend key, because the real client's
 * `activeQuery` getter is deprecated. Resolves once the server has taken the request (it closes
 * the connection), or after `timeoutMs`, and never rejects: a cancel that cannot be delivered
 * leaves the statement timeout as the backstop.
 */
export function cancelOnServer(
  config: pg.ClientConfig,
  client: pg.ClientBase,
  timeoutMs = 2_000,
): Promise<void> {
  const key = client as unknown as BackendKey
  if (key.processID === null || key.processID === undefined) return Promise.resolve()
  const canceller = new pg.Client(config) as unknown as Canceller
  const query = {}
  return new Promise((resolve) => {
    const connection = canceller.connection
    const done = () => {
      clearTimeout(timer)
      connection.stream.destroy()
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    connection.once('end', done)
    connection.on('error', done)
    try {
      canceller.cancel(
        { activeQuery: query, processID: key.processID, secretKey: key.secretKey },
        query,
      )
    } catch {
      done()
    }
  })
}
