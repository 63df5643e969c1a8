/**
 * The little of PouchDB and express-pouchdb that the CouchDB-compatible server uses. The packages
 * ship no types; these declarations cover only the calls made in couch-server.ts.
 */
declare module 'pouchdb-core' {
  interface PouchInstance {
    close(): Promise<void>
    destroy(): Promise<unknown>
    info(): Promise<unknown>
    bulkDocs(
      docs: readonly object[],
      options: { new_edits: boolean },
    ): Promise<{ id?: string; error?: unknown; name?: string; message?: string }[]>
  }
  interface PouchConstructor {
    new (name: string): PouchInstance
    plugin(plugin: unknown): PouchConstructor
    defaults(options: Record<string, unknown>): PouchConstructor
    allDbs?(): Promise<string[]>
    on(event: 'created' | 'destroyed', listener: (name: string) => void): void
    listeners(event: string): ((...args: unknown[]) => void)[]
    removeListener(event: string, listener: (...args: unknown[]) => void): void
  }
  const PouchDB: PouchConstructor
  export default PouchDB
  export type { PouchConstructor, PouchInstance }
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export default plugin
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown
  export default plugin
}

declare module 'pouchdb-mapreduce' {
  const plugin: unknown
  export default plugin
}

declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  import type { PouchConstructor } from 'pouchdb-core'

  interface ExpressPouchOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'
    configPath?: string
    logPath?: string
    inMemoryConfig?: boolean
    overrideMode?: { include?: string[]; exclude?: string[] }
  }
  interface ExpressPouchApp {
    (req: IncomingMessage, res: ServerResponse): void
    setPouchDB(PouchDB: PouchConstructor): Promise<void>
    couchLogger?: { _stream?: { end(): void } }
  }
  function expressPouchDB(PouchDB: PouchConstructor, options?: ExpressPouchOptions): ExpressPouchApp
  export default expressPouchDB
}
