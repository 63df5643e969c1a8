import { usePrintDetails } from '../../hooks/use-print-details'
import { useStore } from '../../store'
import { ErrorBanner } from '../common/ErrorBanner'
import { ConnectionsPage } from '../connections/ConnectionsPage'
import { OverviewPage } from '../overview/OverviewPage'
import { SettingsPage } from '../settings/SettingsPage'
import { StepPage } from '../step/StepPage'
import { AppHeader } from './AppHeader'
import { NoticeBanner } from './NoticeBanner'
import { RecoveredNotice } from './RecoveredNotice'
import { StepRail } from './StepRail'

function CurrentPage() {
  const route = useStore((s) => s.route)
  switch (route.name) {
    case 'overview':
      return <OverviewPage />
    case 'connections':
      return <ConnectionsPage />
    case 'settings':
      return <SettingsPage />
    case 'step':
      return <StepPage key={route.stepId} stepId={route.stepId} />
  }
}

/** The frame around an open project: header, step rail and the current page. */
export function Shell() {
  usePrintDetails()
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to the page content
      </a>
      <AppHeader />
      <div className="shell-body">
        <StepRail />
        <main id="main" className="shell-main" tabIndex={-1}>
          <RecoveredNotice />
          <ErrorBanner />
          <NoticeBanner />
          <CurrentPage />
        </main>
      </div>
    </div>
  )
}
