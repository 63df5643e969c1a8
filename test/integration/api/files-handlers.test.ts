import { mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { fileMatcher, rootCandidates } from '../../../src/main/api/files-handlers'
import { createTestContext, type TestContext } from '../../support/handler-context'

/**
 * `files.list` through `dispatch`: the roots come from the context (home, the projects folder,
 * the open project's folder, recent projects' folders), the files shown from the purpose.
 */
let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
  mkdirSync(t.ctx.defaultProjectDir, { recursive: true })
})
afterEach(async () => {
  await t.dispose()
})

describe('files.list', () => {
  it('offers home and the projects folder, and lists the projects folder first', async () => {
    writeFileSync(join(t.ctx.defaultProjectDir, 'a.chtmig.json'), '{}')
    writeFileSync(join(t.ctx.defaultProjectDir, 'a-plan.pdf'), '%PDF')
    const listed = await call('files.list', { purpose: 'open' }, t.ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    const projects = realpathSync(t.ctx.defaultProjectDir)
    expect(listed.value.roots.map((r) => [r.kind, r.path])).toEqual([
      ['home', realpathSync(homedir())],
      ['projects', projects],
    ])
    expect(listed.value.dir).toBe(projects)
    expect(listed.value.entries.map((e) => e.name)).toEqual(['a.chtmig.json'])
    const pdfs = await call('files.list', { purpose: 'export', format: 'pdf' }, t.ctx)
    expect(pdfs.ok && pdfs.value.entries.map((e) => e.name)).toEqual(['a-plan.pdf'])
  })

  it("adds the open project's folder and recent projects' folders as roots", async () => {
    const elsewhere = join(t.dir, 'elsewhere')
    const other = join(t.dir, 'other')
    mkdirSync(elsewhere)
    mkdirSync(other)
    const first = await call('project.new', { name: 'First', path: join(other, 'first') }, t.ctx)
    expect(first.ok).toBe(true)
    await call('project.new', { name: 'Kenya', path: join(elsewhere, 'kenya') }, t.ctx)
    const listed = await call('files.list', { purpose: 'save' }, t.ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.value.dir).toBe(realpathSync(elsewhere))
    expect(listed.value.crumbs).toEqual([
      { name: "This project's folder", path: realpathSync(elsewhere) },
    ])
    expect(listed.value.entries.map((e) => e.name)).toEqual(['kenya.chtmig.json'])
    const kinds = listed.value.roots.map((r) => [r.kind, r.label])
    expect(kinds).toContainEqual(['recent', 'other'])
    // The open project's folder is offered once, not again as a recent one.
    expect(kinds.filter(([, label]) => label === 'elsewhere')).toEqual([])
    const outside = await call('files.list', { purpose: 'open', dir: t.dir }, t.ctx)
    expect(outside.ok || outside.error.code).toBe('FORBIDDEN')
  })

  it('refuses malformed input before looking at the disk', async () => {
    const bad = await call('files.list', { purpose: 'delete', dir: '/' }, t.ctx)
    expect(bad.ok || bad.error.code).toBe('BAD_REQUEST')
  })
})

describe('rootCandidates and fileMatcher', () => {
  it('names the roots in the order they are offered', () => {
    expect(rootCandidates(t.ctx, '/home/amina')).toEqual([
      { kind: 'home', label: 'Home', path: '/home/amina' },
      { kind: 'projects', label: 'Projects folder', path: t.ctx.defaultProjectDir },
    ])
  })

  it('shows project files for Open and Save, the format’s files for Export', () => {
    expect(fileMatcher('open')('Kenya.CHTMIG.json')).toBe(true)
    expect(fileMatcher('save')('kenya.json')).toBe(false)
    expect(fileMatcher('export', 'csv-checks')('checks.csv')).toBe(true)
    expect(fileMatcher('export', 'csv-checks')('plan.pdf')).toBe(false)
    expect(fileMatcher('export')('plan.pdf')).toBe(true)
    expect(fileMatcher('folder')('kenya.chtmig.json')).toBe(false)
  })
})
