import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 7 of the migration guide, as checklist items. */
export const teardownStep: StepDef = {
  id: 'teardown',
  number: 7,
  title: 'Teardown: remove couch2pg',
  railLabel: 'Teardown',
  summary:
    'Retire couch2pg and its database only after the new pipeline has proved itself, with a backup in hand and a way back.',
  ...PAGE.guide,
  items: [
    {
      id: 'teardown.sustained-parity',
      title: 'Wait for a sustained period of parity and healthy monitoring',
      detail:
        'Agree how long the pipelines must agree and Watchdog must stay quiet (a full reporting cycle, for example), and begin the teardown only after that.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'teardown.readiness',
    },
    {
      id: 'teardown.repoint-dashboards',
      title: 'Point the dashboards at the new models',
      detail:
        'Switch each dashboard to the CHT Sync database and models, tell the people who use them, and retire the duplicates so that only one version of each remains.',
      source: 'step',
      ...PAGE.dashboards,
    },
    {
      id: 'teardown.backup',
      title: 'Back up the old database',
      detail:
        'Dump the couch2pg database and keep a copy off the server. The dump and its compressed copy need free disk of their own, so check the space first.',
      source: 'step',
      ...PAGE.couch2pgMigration,
    },
    {
      id: 'teardown.stop-couch2pg',
      title: 'Stop couch2pg',
      detail:
        'Stop and disable the couch2pg service, whether a systemd unit, a Docker container or a pod, so that it does not start again, and remove any job that restarts it.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'teardown.watchdog-cleanup',
      title: 'Remove the old pipeline from Watchdog',
      detail:
        'Drop the couch2pg collector and any panel or alert that watched the old database, so that nobody is paged for a pipeline that was retired on purpose.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'teardown.rollback',
      title: 'Keep a way back',
      detail:
        'Until the team is confident, keep the dump and the couch2pg configuration, so the old pipeline could be restored and left to catch up.',
      source: 'step',
      ...PAGE.couch2pgMigration,
    },
    {
      id: 'teardown.drop-database',
      title: 'Drop the duplicate database only when certain',
      detail:
        'When nothing reads the old database any more and the rollback window has passed, drop it and delete the leftover dumps.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'teardown.feedback',
      title: 'Share what you learned',
      detail:
        'Report the bugs and gaps you met as issues on medic/cht-sync or medic/cht-pipeline, and pass on tips to the community, so the next migration goes more smoothly.',
      source: 'consideration',
      ...PAGE.chtSyncIssues,
    },
  ],
}
