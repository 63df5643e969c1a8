import { describe, expect, it } from 'vitest'
import {
  containingRoot,
  isHiddenName,
  isInsideFolder,
  isSystemFolder,
} from '../../../../src/main/engine/fs/folder-roots'
import type { FileRoot } from '../../../../src/shared/contract-files'

const linux = { inHome: false, platform: 'linux' as const }

describe('isHiddenName', () => {
  it('hides dot names, system folders and Windows profile files', () => {
    for (const name of ['.ssh', '.config', 'AppData', 'lost+found', '$RECYCLE.BIN', 'NTUSER.DAT']) {
      expect(isHiddenName(name, linux), name).toBe(true)
    }
    for (const name of ['projects', 'Documents', 'kenya.chtmig.json', 'a.b']) {
      expect(isHiddenName(name, linux), name).toBe(false)
    }
  })

  it("hides macOS's Library in the home folder only", () => {
    expect(isHiddenName('Library', { inHome: true, platform: 'darwin' })).toBe(true)
    expect(isHiddenName('Library', { inHome: false, platform: 'darwin' })).toBe(false)
    expect(isHiddenName('Library', { inHome: true, platform: 'linux' })).toBe(false)
  })
})

describe('isInsideFolder', () => {
  it('takes whole names, not prefixes', () => {
    expect(isInsideFolder('/home/a/projects', '/home/a', 'linux')).toBe(true)
    expect(isInsideFolder('/home/a', '/home/a', 'linux')).toBe(true)
    expect(isInsideFolder('/home/ab', '/home/a', 'linux')).toBe(false)
    expect(isInsideFolder('/home', '/home/a', 'linux')).toBe(false)
  })

  it('ignores case where the file system does', () => {
    expect(isInsideFolder('C:\\Users\\Amina\\Docs', 'c:\\users\\amina', 'win32')).toBe(true)
    expect(isInsideFolder('/Users/Amina/x', '/users/amina', 'darwin')).toBe(true)
    expect(isInsideFolder('/Users/Amina/x', '/users/amina', 'linux')).toBe(false)
  })
})

describe('isSystemFolder', () => {
  it('refuses file system tops and system trees as roots', () => {
    for (const path of ['/', '/etc', '/etc/nginx', '/usr/local', '/proc/1', '/var/lib/x']) {
      expect(isSystemFolder(path, 'linux'), path).toBe(true)
    }
    for (const path of ['C:\\', 'C:\\Windows\\System32', 'D:\\Program Files\\x']) {
      expect(isSystemFolder(path, 'win32'), path).toBe(true)
    }
    for (const path of ['/home/a', '/tmp/demo', '/srv/cht', '/var/tmp', '/etcetera']) {
      expect(isSystemFolder(path, 'linux'), path).toBe(false)
    }
    expect(isSystemFolder('C:\\Users\\Amina', 'win32')).toBe(false)
  })
})

describe('containingRoot', () => {
  const roots: FileRoot[] = [
    { kind: 'projects', label: 'Projects folder', path: '/home/a/projects' },
    { kind: 'home', label: 'Home', path: '/home/a' },
    { kind: 'recent', label: 'x', path: '/home/a/.local/x' },
  ]

  it('picks the outermost root, so Parent folder reaches up to it', () => {
    expect(containingRoot('/home/a/projects/k', roots, '/home/a', 'linux')?.kind).toBe('home')
  })

  it('skips a root the path reaches only through a hidden name', () => {
    expect(containingRoot('/home/a/.local/x/y', roots, '/home/a', 'linux')?.kind).toBe('recent')
    expect(containingRoot('/home/a/.local', roots, '/home/a', 'linux')).toBeNull()
    expect(containingRoot('/home/b', roots, '/home/a', 'linux')).toBeNull()
  })
})
