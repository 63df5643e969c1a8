import { PageHeading } from '../common/PageHeading'
import { OverviewNext } from '../next/OverviewNext'
import { ActivityList, InProgressList } from './ActivityList'
import { ChecksSummary } from './ChecksSummary'
import { ProjectFileFacts } from './ProjectFileFacts'
import { StaleResultsList } from './StaleResultsList'
import { StatusSummary } from './StatusSummary'
import { StepProgressTable } from './StepProgressTable'

/** The whole migration at a glance. */
export function OverviewPage() {
  return (
    <div className="page overview-page">
      <PageHeading>Overview</PageHeading>
      <OverviewNext />
      <div className="overview-grid">
        <section className="card overview-wide" aria-labelledby="ov-progress">
          <h2 id="ov-progress">Progress</h2>
          <StatusSummary />
          <StepProgressTable />
        </section>
        <section className="card overview-wide" aria-labelledby="ov-checks">
          <h2 id="ov-checks">Checks</h2>
          <ChecksSummary />
        </section>
        <section className="card" aria-labelledby="ov-in-progress">
          <h2 id="ov-in-progress">In progress</h2>
          <InProgressList />
        </section>
        <section className="card" aria-labelledby="ov-activity">
          <h2 id="ov-activity">Latest activity</h2>
          <ActivityList />
        </section>
        <section className="card" aria-labelledby="ov-stale">
          <h2 id="ov-stale">Stale results</h2>
          <StaleResultsList />
        </section>
        <section className="card" aria-labelledby="ov-file">
          <h2 id="ov-file">Project file</h2>
          <ProjectFileFacts />
        </section>
      </div>
    </div>
  )
}
