import { vi } from 'vitest'
import type { DialogProvider } from '../../src/main/api/context'

/** The Electron face's native dialogs as mocks, each answering what a test sets. */
export function fakeDialogs() {
  return {
    chooseOpenPath: vi.fn<DialogProvider['chooseOpenPath']>(),
    chooseConfigPath: vi.fn<DialogProvider['chooseConfigPath']>(),
    chooseFolder: vi.fn<DialogProvider['chooseFolder']>(),
    chooseBackupFile: vi.fn<DialogProvider['chooseBackupFile']>(),
    chooseSavePath: vi.fn<DialogProvider['chooseSavePath']>(),
    confirmDemoFolder: vi.fn<DialogProvider['confirmDemoFolder']>(),
  } satisfies DialogProvider
}
