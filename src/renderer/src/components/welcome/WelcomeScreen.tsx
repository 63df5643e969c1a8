import { MIGRATION_GUIDE_URL } from '../../lib/links'
import { DocLink } from '../common/DocLink'
import { ErrorBanner } from '../common/ErrorBanner'
import { ActivityTray } from '../jobs/ActivityTray'
import { UserNameControl } from '../shell/UserNameControl'
import { DemoCard } from './DemoCard'
import { NewProjectForm } from './NewProjectForm'
import { OpenProjectForm } from './OpenProjectForm'
import { RecentList } from './RecentList'
import { RecoveryCard } from './RecoveryCard'

/** The first screen, shown while no project is open. */
export function WelcomeScreen() {
  return (
    <div className="welcome">
      <header className="welcome-header">
        <p className="app-name">cht-migrate</p>
        <div className="app-header-tools">
          <ActivityTray />
          <UserNameControl />
        </div>
      </header>
      <main className="welcome-main" id="main">
        <h1 className="page-title">CHT Sync migration wizard</h1>
        <p className="lead">
          This wizard walks you from cht-couch2pg to CHT Sync and dbt models in seven steps, from
          planning to removing couch2pg, and keeps your progress, notes and evidence in one project
          file you can review offline. It follows the CHT{' '}
          <DocLink href={MIGRATION_GUIDE_URL}>guide to migrating from couch2pg to CHT Sync</DocLink>
          .
        </p>
        <ErrorBanner />
        <RecoveryCard />
        <div className="welcome-grid">
          <NewProjectForm />
          <OpenProjectForm />
        </div>
        <RecentList />
        <DemoCard />
      </main>
    </div>
  )
}
