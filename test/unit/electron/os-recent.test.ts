import { describe, expect, it } from 'vitest'
import { createOsRecentSync } from '../../../src/main/electron/os-recent'

const entry = (path: string) => ({ path, name: path, openedAt: '2026-12-01T10:00:00.000Z' })

function fakeOs() {
  const calls: string[] = []
  return {
    calls,
    addRecentDocument: (path: string) => calls.push(`add ${path}`),
    clearRecentDocuments: () => calls.push('clear'),
  }
}

describe('createOsRecentSync', () => {
  it('puts the most recent project on top of the OS list (added last)', () => {
    const os = fakeOs()
    const sync = createOsRecentSync(os, 'darwin')
    sync([entry('/p/new.chtmig.json'), entry('/p/old.chtmig.json')])
    expect(os.calls).toEqual(['clear', 'add /p/old.chtmig.json', 'add /p/new.chtmig.json'])
  })

  it('touches the OS only when the list changed, and empties it when the list is cleared', () => {
    const os = fakeOs()
    const sync = createOsRecentSync(os, 'win32')
    sync([entry('C:\\p\\a.chtmig.json')])
    sync([entry('C:\\p\\a.chtmig.json')])
    sync([])
    expect(os.calls).toEqual(['clear', 'add C:\\p\\a.chtmig.json', 'clear'])
  })

  it('does nothing on Linux, which keeps no such list for the app', () => {
    const os = fakeOs()
    createOsRecentSync(os, 'linux')([entry('/p/a.chtmig.json')])
    expect(os.calls).toEqual([])
  })
})
