import { DialogHost } from './components/dialogs/DialogHost'
import { StatusRegion } from './components/common/StatusRegion'
import { Shell } from './components/shell/Shell'
import { WelcomeScreen } from './components/welcome/WelcomeScreen'
import { useAppConnection } from './hooks/use-app-events'
import { useBeforeUnloadWhileDirty } from './hooks/use-before-unload'
import { useStore } from './store'

/**
 * The whole renderer: the welcome screen while no project is open, the shell once one is. The
 * root carries `data-app-state` (“loading”, then “ready”), which the end-to-end tests wait for.
 */
export function App() {
  useAppConnection()
  useBeforeUnloadWhileDirty()
  const appState = useStore((s) => s.appState)
  const hasProject = useStore((s) => s.project !== null)
  return (
    <div className="app" data-app-state={appState}>
      {appState === 'loading' ? (
        <p className="loading">Loading the wizard…</p>
      ) : hasProject ? (
        <Shell />
      ) : (
        <WelcomeScreen />
      )}
      <StatusRegion />
      <DialogHost />
    </div>
  )
}
