import pg from 'pg'

type ConnectCallback = (error: Error | undefined) => void

/**
 * pg's Client, except that a connection that fails to open is closed at once. pg leaves the
 * socket open when it fails on its own side during authentication (a server asking for a password
 * none was given: "client password must be a string"): the server would hold that half-open
 * session until its `authentication_timeout` (a minute), blocking `DROP DATABASE` and using a
 * connection slot. The pools of engine/db create their clients from this class.
 */
export class ClosingClient extends pg.Client {}

// pg's `connect` takes a callback or returns a promise; its typings cannot say both at once.
const connect = pg.Client.prototype.connect as (
  this: pg.Client,
  callback?: ConnectCallback,
) => Promise<pg.Client> | undefined
ClosingClient.prototype.connect = function (this: pg.Client, callback?: ConnectCallback) {
  const close = (error: Error | undefined) => {
    if (error) this.connection.stream.destroy()
  }
  if (callback) {
    return connect.call(this, (error: Error | undefined) => {
      close(error)
      callback(error)
    })
  }
  return (connect.call(this) as Promise<pg.Client>).catch((error: Error) => {
    close(error)
    throw error
  })
} as typeof pg.Client.prototype.connect
