import { contextBridge, ipcRenderer } from 'electron'
import { createApiBridge } from './api-bridge'

/**
 * The sandboxed preload: exposes `window.api` and nothing else (SEC-02, SEC-03).
 *
 * It is built as CommonJS and imports only `electron` and bundled files from `src/shared`, so it
 * runs with `sandbox: true`. The object handed to the page is built from the plain operation list;
 * `ipcRenderer` itself, a generic invoke, `shell`, `fs` and `process` are never exposed.
 */
contextBridge.exposeInMainWorld('api', createApiBridge(ipcRenderer))
