import { posix } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FileEntry } from '../../../src/shared/contract-files'
import {
  entryLabel,
  fileSizeText,
  isAbsolutePath,
  matchingEntry,
  resolveTypedPath,
} from '../../../src/renderer/src/lib/file-browser'

const entry = (name: string, kind: FileEntry['kind'] = 'file'): FileEntry => ({
  name,
  path: `/p/${name}`,
  kind,
  size: kind === 'file' ? 2048 : null,
  modified: null,
})

describe('resolveTypedPath', () => {
  it('resolves a relative path inside the base as the engine does (path.resolve)', () => {
    const base = '/home/amina/cht-migrations'
    for (const typed of [
      'kenya.chtmig.json',
      './a/b.md',
      '../x/y.md',
      'a/./b/../c.pdf',
      '../../..',
    ]) {
      expect(resolveTypedPath(typed, base), typed).toBe(posix.resolve(base, typed))
    }
  })

  it('keeps the Windows separator and drive of a Windows base', () => {
    expect(resolveTypedPath('..\\kenya.md', 'C:\\Users\\Amina\\CHT migrations')).toBe(
      'C:\\Users\\Amina\\kenya.md',
    )
  })

  it('leaves full paths, empty text and an unknown base alone', () => {
    expect(resolveTypedPath('/srv/kenya.chtmig.json', '/home/a')).toBeNull()
    expect(resolveTypedPath('D:\\x.md', 'C:\\Users')).toBeNull()
    expect(resolveTypedPath('   ', '/home/a')).toBeNull()
    expect(resolveTypedPath('kenya.md', '')).toBeNull()
  })
})

describe('isAbsolutePath', () => {
  it('knows POSIX, drive and network paths', () => {
    expect(['/x', 'C:\\x', 'c:/x', '\\\\server\\share'].every(isAbsolutePath)).toBe(true)
    expect(['x', './x', 'C:x', '~/x'].some(isAbsolutePath)).toBe(false)
  })
})

describe('entry facts', () => {
  it('says sizes in bytes, KB and MB', () => {
    expect(fileSizeText(812)).toBe('812 bytes')
    expect(fileSizeText(12 * 1024)).toBe('12 KB')
    expect(fileSizeText(1.5 * 1024 * 1024)).toBe('1.5 MB')
  })

  it('names the kind and size for a screen reader', () => {
    expect(entryLabel(entry('kenya.chtmig.json'))).toBe('kenya.chtmig.json, file, 2 KB')
    expect(entryLabel(entry('docs', 'folder'))).toBe('docs, folder')
  })
})

describe('matchingEntry', () => {
  const entries = [entry('alpha', 'folder'), entry('beta'), entry('bravo'), entry('charlie')]

  it('moves to the next name starting with a typed letter, wrapping', () => {
    expect(matchingEntry(entries, 'b', 0)).toBe(1)
    expect(matchingEntry(entries, 'b', 1)).toBe(2)
    expect(matchingEntry(entries, 'b', 2)).toBe(1)
    expect(matchingEntry(entries, 'A', 3)).toBe(0)
  })

  it('keeps the current entry while a longer prefix still matches it', () => {
    expect(matchingEntry(entries, 'br', 2)).toBe(2)
    expect(matchingEntry(entries, 'br', 0)).toBe(2)
    expect(matchingEntry(entries, 'bb', 1)).toBe(2)
  })

  it('answers -1 when nothing matches', () => {
    expect(matchingEntry(entries, 'z', 0)).toBe(-1)
    expect(matchingEntry([], 'a', 0)).toBe(-1)
  })
})
