import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../../src/renderer/src/store'

const reset = () =>
  useStore.setState({ openItems: {}, lastOpenedItem: {}, onlyOpenItems: false, navigations: 0 })

describe('the UI slice: open items and the open-items filter', () => {
  beforeEach(reset)

  it('opens an item and makes it the step’s last opened', () => {
    const { setItemOpen } = useStore.getState()
    setItemOpen('setup', 'setup.env-file', true)
    setItemOpen('setup', 'setup.local-sync', true)
    setItemOpen('plan', 'plan.scope', true)
    const s = useStore.getState()
    expect(s.openItems).toEqual({
      'setup.env-file': true,
      'setup.local-sync': true,
      'plan.scope': true,
    })
    expect(s.lastOpenedItem).toEqual({ setup: 'setup.local-sync', plan: 'plan.scope' })
  })

  it('reopening an item already open makes it the last opened again', () => {
    const { setItemOpen } = useStore.getState()
    setItemOpen('setup', 'setup.env-file', true)
    setItemOpen('setup', 'setup.local-sync', true)
    setItemOpen('setup', 'setup.env-file', true)
    expect(useStore.getState().lastOpenedItem.setup).toBe('setup.env-file')
  })

  it('closes an item; the last opened is forgotten only when it is the one closed', () => {
    const { setItemOpen } = useStore.getState()
    setItemOpen('setup', 'setup.env-file', true)
    setItemOpen('setup', 'setup.local-sync', true)
    setItemOpen('setup', 'setup.env-file', false)
    expect(useStore.getState().openItems).toEqual({ 'setup.local-sync': true })
    expect(useStore.getState().lastOpenedItem.setup).toBe('setup.local-sync')
    setItemOpen('setup', 'setup.local-sync', false)
    expect(useStore.getState().openItems).toEqual({})
    expect(useStore.getState().lastOpenedItem).toEqual({})
  })

  it('leaves the state as it is when nothing changes (no re-render for subscribers)', () => {
    const { setItemOpen } = useStore.getState()
    setItemOpen('setup', 'setup.env-file', true)
    const before = useStore.getState()
    setItemOpen('setup', 'setup.env-file', true)
    setItemOpen('setup', 'setup.prerequisites', false)
    const after = useStore.getState()
    expect(after.openItems).toBe(before.openItems)
    expect(after.lastOpenedItem).toBe(before.lastOpenedItem)
  })

  it('keeps what is open across navigation', () => {
    const { setItemOpen, setRoute } = useStore.getState()
    setItemOpen('parity', 'parity.counts', true)
    setRoute({ name: 'overview' }, true)
    setRoute({ name: 'step', stepId: 'parity', view: 'tool' }, true)
    setRoute({ name: 'step', stepId: 'parity' }, true)
    expect(useStore.getState().openItems).toEqual({ 'parity.counts': true })
    expect(useStore.getState().navigations).toBe(3)
  })

  it('switches the open-items filter', () => {
    useStore.getState().setOnlyOpenItems(true)
    expect(useStore.getState().onlyOpenItems).toBe(true)
    useStore.getState().setOnlyOpenItems(false)
    expect(useStore.getState().onlyOpenItems).toBe(false)
  })
})
