import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Who the end-to-end tests are, unless a test says otherwise. */
export const E2E_IDENTITY = { userName: 'Test Person', userRole: 'Tester' }

/**
 * Writes `preferences.json` into `configDir` as the wizard writes it once someone has said who
 * they are, so serve starts without the first-run question. The recent list starts empty.
 */
export async function seedPreferences(
  configDir: string,
  identity: { userName: string; userRole: string } = E2E_IDENTITY,
): Promise<void> {
  await mkdir(configDir, { recursive: true })
  const preferences = { ...identity, identityConfirmed: true, recent: [] }
  await writeFile(join(configDir, 'preferences.json'), JSON.stringify(preferences, null, 2) + '\n')
}
