import { describe, expect, it } from 'vitest'
import {
  applyProjectPatch,
  diffProject,
  projectPatchSchema,
} from '../../../src/shared/project-patch'
import type { ProjectState } from '../../../src/shared/project-schema'
import { FIRST_ITEM, SECOND_ITEM, sampleDocument } from '../../support/project-fixtures'

const state = (revision: number, doc = sampleDocument()): ProjectState => ({
  document: doc,
  revision,
  path: '/p/kenya.chtmig.json',
  dirty: false,
  lastSavedAt: null,
  recoveredFromBackup: false,
  lastSaveError: null,
})

describe('project patches', () => {
  it('carry only the changed item and the meta, and rebuild the same state', () => {
    const before = state(4)
    const item = { ...before.document.items[FIRST_ITEM]!, note: 'changed' }
    const after: ProjectState = {
      ...before,
      revision: 5,
      dirty: true,
      document: { ...before.document, items: { ...before.document.items, [FIRST_ITEM]: item } },
    }
    const patch = diffProject(before, after)
    expect(projectPatchSchema.parse(patch)).toEqual(patch)
    expect(patch).toEqual({
      documentId: before.document.id,
      base: 4,
      meta: { ...after, document: undefined },
      items: { [FIRST_ITEM]: item },
    })
    expect(JSON.stringify(patch).length).toBeLessThan(1_000)
    expect(applyProjectPatch(before, patch)).toEqual(after)
  })

  it('send the head when a small field changed, and null for a removed entry', () => {
    const before = state(1)
    const { [FIRST_ITEM]: _gone, ...rest } = before.document.items
    const after: ProjectState = {
      ...before,
      revision: 2,
      document: {
        ...before.document,
        name: 'Renamed',
        items: { ...rest, [SECOND_ITEM]: before.document.items[FIRST_ITEM]! },
      },
    }
    const patch = diffProject(before, after)
    expect(patch.head?.name).toBe('Renamed')
    expect(patch.items).toEqual({
      [FIRST_ITEM]: null,
      [SECOND_ITEM]: before.document.items[FIRST_ITEM],
    })
    expect(applyProjectPatch(before, patch)).toEqual(after)
  })

  it('apply only at their base: a missed revision asks for a reload, an old one is ignored', () => {
    const before = state(3)
    const after = { ...before, revision: 4, dirty: true }
    const patch = diffProject(before, after)
    expect(applyProjectPatch(state(2), patch)).toBeNull()
    const current = state(4)
    expect(applyProjectPatch(current, patch)).toBe(current)
    expect(applyProjectPatch(state(3, sampleDocument({ id: 'another' })), patch)).toBeNull()
  })
})
