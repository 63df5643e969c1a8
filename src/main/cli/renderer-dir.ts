import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Overrides where browser mode finds the built renderer (tests, packaged layouts). */
export const RENDERER_DIR_ENV = 'CHT_MIGRATE_RENDERER_DIR'

/**
 * The built renderer served by browser mode: `out/renderer` beside the built CLI
 * (`out/main/cli.js`), unless `CHT_MIGRATE_RENDERER_DIR` names another directory.
 */
export function rendererDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[RENDERER_DIR_ENV]
  return override ? override : join(__dirname, '../renderer')
}

/** True when the directory holds a built renderer (its `index.html`). */
export function isRendererBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'))
}
