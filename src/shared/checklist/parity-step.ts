import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 4 of the migration guide, as checklist items. */
export const parityStep: StepDef = {
  id: 'parity',
  number: 4,
  title: 'Parity: test the new models',
  railLabel: 'Parity',
  summary:
    'Show that the new pipeline tells the same story as the old one: compare counts, chase missing records, and rebuild each dashboard on the new models to compare them side by side.',
  ...PAGE.guide,
  items: [
    {
      id: 'parity.testing',
      title: 'Test the new models thoroughly',
      detail:
        'Give every model generic tests (unique, not null, relationships), add singular tests for aggregates and unit tests for complex logic, and run them on every change rather than once.',
      source: 'consideration',
      ...PAGE.testingModels,
    },
    {
      id: 'parity.sync-lag',
      title: 'Compare the pipelines when both have caught up',
      detail:
        'couch2pg copies on a schedule while CHT Sync copies continuously, so their backlogs differ. Check the pending changes of each before comparing, so that a delay is not mistaken for missing data.',
      source: 'step',
      ...PAGE.chtSync,
      checkId: 'parity.lag',
    },
    {
      id: 'parity.counts',
      title: 'Compare document counts per database',
      detail:
        'For each synced database, set the CouchDB document count beside the rows of the old couchdb table and the rows of the new raw table that are not marked deleted.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.counts',
    },
    {
      id: 'parity.breakdown',
      title: 'Compare counts by type, form and month',
      detail:
        'Break the totals down by document type, by form and by reporting month, and contacts by contact type, so that any gap points to the data it affects.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.breakdown',
    },
    {
      id: 'parity.missing-ids',
      title: 'List the records missing on either side',
      detail:
        'Find the ids the old pipeline has and the new one lacks, and the other way round, and look at a sample of each before deciding whether the gap matters.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.missing-ids',
    },
    {
      id: 'parity.deletes',
      title: 'Allow for deleted documents',
      detail:
        'couch2pg removes the row of a deleted document, while CHT Sync keeps it with _deleted set to true and its models leave it out. Exclude those rows when comparing, or the new side looks larger than it is.',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'parity.replica-dashboard',
      title: 'Build a replica of each dashboard on the new models',
      detail:
        'Recreate every dashboard that matters against the new models, and leave the original on the couch2pg data until the comparison is finished.',
      source: 'step',
      ...PAGE.dashboards,
    },
    {
      id: 'parity.dashboard-compare',
      title: 'Compare replica and original over the same period',
      detail:
        'Use the same date range and filters in both, compare the figures, and record each difference with its explanation or the tolerance the team agreed.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.dashboards',
    },
    {
      id: 'parity.adjust-models',
      title: 'Correct the models until the figures agree',
      detail:
        'Where figures differ for a reason other than deletes or timing, fix the model and compare again. Keep a note of each fix: it is the evidence that the replica can replace the original.',
      source: 'step',
      ...PAGE.guide,
    },
  ],
}
