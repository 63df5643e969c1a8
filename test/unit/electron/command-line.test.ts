import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectPathFromArgs } from '../../../src/main/electron/command-line'

describe('projectPathFromArgs', () => {
  it('finds a project file argument and resolves it against the working directory', () => {
    expect(projectPathFromArgs(['.', 'plans/kenya.chtmig.json'], '/home/amina')).toBe(
      resolve('/home/amina', 'plans/kenya.chtmig.json'),
    )
  })

  it('keeps an absolute path and takes the last project argument', () => {
    const argv = ['/a/first.chtmig.json', '--inspect', '/b/second.CHTMIG.JSON']
    expect(projectPathFromArgs(argv, '/cwd')).toBe('/b/second.CHTMIG.JSON')
  })

  it('ignores switches and other files', () => {
    expect(
      projectPathFromArgs(['--x=a.chtmig.json', 'notes.json', 'out/main/index.js'], '/c'),
    ).toBe(null)
    expect(projectPathFromArgs([], '/c')).toBeNull()
  })
})
