import { PageHeading } from '../common/PageHeading'
import { OverviewNext } from '../next/OverviewNext'
import { ActivityList, InProgressList } from './ActivityList'
import { BacklogOverTime } from './BacklogOverTime'
import { ChecksSummary } from './ChecksSummary'
import { ParityOverTime } from './ParityOverTime'
import { ProgressOverTime } from './ProgressOverTime'
import { ProjectFileFacts } from './ProjectFileFacts'
import { StaleResultsList } from './StaleResultsList'
import { StatusSummary } from './StatusSummary'
import { StepProgressTable } from './StepProgressTable'

/**
 * The whole migration at a glance: the next action first, then progress and the checks, three
 * charts over time, and the lists. One column when narrow, two from a medium width, and on a
 * wide screen progress and checks side by side with the three charts in a row (overview.css).
 */
export function OverviewPage() {
  return (
    <div className="page overview-page">
      <PageHeading>Overview</PageHeading>
      <OverviewNext />
      <div className="overview-grid">
        <section className="card overview-wide overview-half" aria-labelledby="ov-progress">
          <h2 id="ov-progress">Progress</h2>
          <StatusSummary />
          <StepProgressTable />
        </section>
        <section className="card overview-wide overview-half" aria-labelledby="ov-checks">
          <h2 id="ov-checks">Checks</h2>
          <ChecksSummary />
        </section>
        <section className="card overview-chart-card" aria-labelledby="ov-progress-time">
          <h2 id="ov-progress-time">Progress over time</h2>
          <ProgressOverTime />
        </section>
        <section className="card overview-chart-card" aria-labelledby="ov-parity-time">
          <h2 id="ov-parity-time">Parity over time</h2>
          <ParityOverTime />
        </section>
        <section className="card overview-chart-card" aria-labelledby="ov-backlog-time">
          <h2 id="ov-backlog-time">Backlog of both pipelines</h2>
          <BacklogOverTime />
        </section>
        <section className="card overview-small" aria-labelledby="ov-in-progress">
          <h2 id="ov-in-progress">In progress</h2>
          <InProgressList />
        </section>
        <section className="card overview-small" aria-labelledby="ov-activity">
          <h2 id="ov-activity">Latest activity</h2>
          <ActivityList />
        </section>
        <section className="card overview-small" aria-labelledby="ov-stale">
          <h2 id="ov-stale">Stale results</h2>
          <StaleResultsList />
        </section>
        <section className="card overview-small overview-file" aria-labelledby="ov-file">
          <h2 id="ov-file">Project file</h2>
          <ProjectFileFacts />
        </section>
      </div>
    </div>
  )
}
