import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileRoot } from '../../../../src/shared/contract-files'
import { listFolder } from '../../../../src/main/engine/fs/folder-listing'
import { nodeListingFs, type ListingFs } from '../../../../src/main/engine/fs/folder-roots'
import { appErrorFrom } from '../../../support/app-error'
import { makeTempDir } from '../../../support/project-fixtures'

/**
 * `listFolder` against a real folder tree: a home with a projects folder in it, hidden and
 * system folders, links inside and out, and a folder outside every root.
 */
let tree: { dir: string; cleanup: () => void }
let home: string
let projects: string
let outside: string
let candidates: FileRoot[]
const isProject = (name: string) => name.endsWith('.chtmig.json')

beforeAll(() => {
  tree = makeTempDir('files')
  const top = realpathSync(tree.dir)
  home = join(top, 'home')
  projects = join(home, 'projects')
  outside = join(top, 'outside')
  for (const dir of [
    projects,
    join(projects, 'sub'),
    join(home, '.ssh'),
    join(home, 'AppData'),
    join(home, 'docs'),
    outside,
  ]) {
    mkdirSync(dir, { recursive: true })
  }
  writeFileSync(join(projects, 'kenya.chtmig.json'), '{"a":1}')
  writeFileSync(join(projects, 'notes.txt'), 'not a project')
  writeFileSync(join(projects, '.draft.chtmig.json'), '{}')
  writeFileSync(join(home, '.ssh', 'id_rsa'), 'secret')
  writeFileSync(join(outside, 'secret.chtmig.json'), '{}')
  symlinkSync(outside, join(home, 'link-out'))
  symlinkSync(join(home, 'docs'), join(home, 'link-in'))
  symlinkSync(join(home, '.ssh'), join(home, 'link-hidden'))
  symlinkSync(join(outside, 'secret.chtmig.json'), join(projects, 'escape.chtmig.json'))
  candidates = [
    { kind: 'home', label: 'Home', path: home },
    { kind: 'projects', label: 'Projects folder', path: projects },
    { kind: 'recent', label: 'gone', path: join(top, 'gone') },
  ]
})
afterAll(() => tree?.cleanup())

const list = (dir?: string, fs?: ListingFs, extra: { limit?: number; timeoutMs?: number } = {}) =>
  listFolder({ dir, candidates, matches: isProject }, { ...(fs ? { fs } : {}), ...extra })
const names = (listing: { entries: Array<{ name: string }> }) => listing.entries.map((e) => e.name)

describe('listFolder', () => {
  it('starts in the projects folder, showing its folders and project files only', async () => {
    const listing = await list()
    expect(listing.roots.map((r) => r.path)).toEqual([home, projects])
    expect(listing.dir).toBe(projects)
    expect(names(listing)).toEqual(['sub', 'kenya.chtmig.json'])
    const file = listing.entries[1]!
    expect(file).toMatchObject({ kind: 'file', size: 7, path: join(projects, 'kenya.chtmig.json') })
    expect(Date.parse(file.modified!)).not.toBeNaN()
    // The outermost root holds it: the breadcrumbs and Parent folder reach up to home.
    expect(listing.crumbs.map((c) => c.name)).toEqual(['Home', 'projects'])
    expect(listing.parent).toBe(home)
  })

  it('hides dot names and system folders, and links leading out or into hidden folders', async () => {
    const listing = await list(home)
    expect(names(listing)).toEqual(['docs', 'link-in', 'projects'])
    expect(listing.entries.find((e) => e.name === 'link-in')?.kind).toBe('folder')
    expect(listing.parent).toBeNull()
    expect(listing.crumbs).toEqual([{ name: 'Home', path: home }])
  })

  it('refuses a folder outside the roots, however it is named', async () => {
    for (const dir of [
      outside,
      join(projects, '..', '..', 'outside'),
      join(home, 'link-out'),
      '/etc',
      '/',
    ]) {
      const e = await appErrorFrom(list(dir))
      expect(e.code, dir).toBe('FORBIDDEN')
      expect(e.message).toContain('outside the folders the wizard shows')
    }
  })

  it('refuses a hidden or system folder inside a root, directly or through a link', async () => {
    for (const dir of [join(home, '.ssh'), join(home, 'AppData'), join(home, 'link-hidden')]) {
      expect((await appErrorFrom(list(dir))).code, dir).toBe('FORBIDDEN')
    }
  })

  it('leaves out a file link that leads outside the roots', async () => {
    expect(names(await list(projects))).not.toContain('escape.chtmig.json')
  })

  it('says what is wrong with a relative path, a missing folder and a file', async () => {
    const relative = await appErrorFrom(list('projects'))
    expect(relative.code).toBe('BAD_REQUEST')
    expect(relative.message).toContain('not a full path')
    const gone = await appErrorFrom(list(join(home, 'nowhere')))
    expect(gone.code).toBe('FILE_NOT_FOUND')
    expect(gone.message).toContain('is gone')
    const file = await appErrorFrom(list(join(projects, 'kenya.chtmig.json')))
    expect(file.code).toBe('BAD_REQUEST')
    expect(file.message).toContain('is a file, not a folder')
  })

  it('keeps at most the limit, folders first in natural order, and counts the rest', async () => {
    const big = join(home, 'big')
    mkdirSync(big)
    for (let i = 1; i <= 12; i++) writeFileSync(join(big, `p${i}.chtmig.json`), '{}')
    for (let i = 1; i <= 3; i++) mkdirSync(join(big, `d${i}`))
    const listing = await list(big, undefined, { limit: 5 })
    expect(names(listing)).toEqual(['d1', 'd2', 'd3', 'p1.chtmig.json', 'p2.chtmig.json'])
    expect(listing.more).toBe(10)
    expect(names(await list(big)).at(-1)).toBe('p12.chtmig.json')
  })

  it('says so when the folder cannot be read for lack of permission', async () => {
    const denied: ListingFs = {
      ...nodeListingFs,
      readdir: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      },
    }
    const e = await appErrorFrom(list(projects, denied))
    expect(e.code).toBe('FORBIDDEN')
    expect(e.message).toContain('no permission to read')
  })

  it('gives up on a folder that does not answer in time', async () => {
    const hung: ListingFs = { ...nodeListingFs, readdir: () => new Promise(() => undefined) }
    const started = Date.now()
    const e = await appErrorFrom(list(projects, hung, { timeoutMs: 100 }))
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toContain('took longer than')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('answers the roots alone when none of them exists', async () => {
    const listing = await listFolder({
      candidates: [{ kind: 'home', label: 'Home', path: join(outside, 'missing') }],
      matches: isProject,
    })
    expect(listing).toEqual({
      roots: [],
      dir: null,
      parent: null,
      crumbs: [],
      entries: [],
      more: 0,
    })
  })
})
