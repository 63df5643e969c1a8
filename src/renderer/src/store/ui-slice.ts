import type { StateCreator } from 'zustand'
import type { ReportFormat } from '../../../shared/report/formats'
import type { StepId } from '../../../shared/steps'
import type { Store } from './index'

/** What a step page shows: its checklist, or the step's own tool (on steps that have one). */
export type StepView = 'checklist' | 'tool'

/**
 * Where the shell is: the overview, the connections, one step's page (its checklist unless
 * `view` asks for its tool), or the settings.
 */
export type Route =
  | { name: 'overview' }
  | { name: 'connections' }
  | { name: 'step'; stepId: StepId; view?: StepView }
  | { name: 'settings' }

/** Actions that would replace the open project, so they first ask about unsaved changes. */
export type GuardedAction = 'close' | 'new' | 'open'

/**
 * The open dialog: unsaved changes, browser mode's Save As, Export (a format preselected), or
 * the offer of autosaved work after the wizard did not close normally.
 */
export type Dialog =
  | { kind: 'unsaved'; action: GuardedAction }
  | { kind: 'recovery' }
  | { kind: 'saveAs' }
  | { kind: 'export'; format?: ReportFormat }
  | null

/** The two forms of the welcome screen. */
export type WelcomePanel = 'new' | 'open'

export interface Announcement {
  id: number
  text: string
}

export interface UiSlice {
  route: Route
  /** Bumped by every navigation, so a page knows to move focus to its heading. */
  navigations: number
  /** A request (from the menu or after closing) to put focus in one of the welcome forms. */
  welcomeFocus: { panel: WelcomePanel; seq: number } | null
  dialog: Dialog
  /** A save or save-as the user asked for is under way. */
  saving: boolean
  /** The latest message for the polite live region. */
  announcement: Announcement | null
  /** Checklist items whose details are open, by item id; kept while the user moves around. */
  openItems: Readonly<Record<string, true>>
  /** Per step, the item opened last: the one a wide screen shows beside the checklist. */
  lastOpenedItem: Readonly<Partial<Record<StepId, string>>>
  /** Step pages list only the items still to do or in progress. */
  onlyOpenItems: boolean
  setRoute(route: Route, byUser: boolean): void
  focusWelcome(panel: WelcomePanel): void
  openDialog(dialog: Exclude<Dialog, null>): void
  closeDialog(): void
  setSaving(saving: boolean): void
  announce(text: string): void
  /** Opens an item's details (it becomes the step's last opened item) or closes them. */
  setItemOpen(stepId: StepId, itemId: string, open: boolean): void
  setOnlyOpenItems(only: boolean): void
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  route: { name: 'overview' },
  navigations: 0,
  welcomeFocus: null,
  dialog: null,
  saving: false,
  announcement: null,
  openItems: {},
  lastOpenedItem: {},
  onlyOpenItems: false,
  setRoute: (route, byUser) =>
    set((state) => ({ route, navigations: state.navigations + (byUser ? 1 : 0) })),
  focusWelcome: (panel) =>
    set((state) => ({ welcomeFocus: { panel, seq: (state.welcomeFocus?.seq ?? 0) + 1 } })),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setSaving: (saving) => set({ saving }),
  announce: (text) =>
    set((state) => ({ announcement: { id: (state.announcement?.id ?? 0) + 1, text } })),
  setItemOpen: (stepId, itemId, open) =>
    set((state) => {
      if (open) {
        if (state.openItems[itemId] && state.lastOpenedItem[stepId] === itemId) return state
        return {
          openItems: { ...state.openItems, [itemId]: true },
          lastOpenedItem: { ...state.lastOpenedItem, [stepId]: itemId },
        }
      }
      if (!state.openItems[itemId] && state.lastOpenedItem[stepId] !== itemId) return state
      const { [itemId]: _closed, ...openItems } = state.openItems
      const lastOpenedItem = { ...state.lastOpenedItem }
      if (lastOpenedItem[stepId] === itemId) delete lastOpenedItem[stepId]
      return { openItems, lastOpenedItem }
    }),
  setOnlyOpenItems: (onlyOpenItems) => set({ onlyOpenItems }),
})
