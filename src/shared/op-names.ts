/**
 * The operation names of the contract as a plain list, for code that must not bundle zod.
 *
 * The sandboxed preload builds `window.api` from this list (SEC-02, SEC-03); importing
 * `contract.ts` there would pull zod into the preload bundle. A unit test keeps this list equal to
 * `Object.keys(contract)`, so an operation added to the contract without being added here fails
 * the tests rather than silently missing from `window.api`.
 */
export const OP_NAME_LIST = [
  'app.info',
  'app.preferences',
  'app.setPreferences',
  'project.get',
  'project.new',
  'project.open',
  'project.save',
  'project.saveAs',
  'project.close',
  'project.update',
  'project.recent',
  'project.forgetRecent',
  'project.export',
  'connections.test',
  'connections.setPassword',
  'connections.forgetPassword',
  'connections.passwords',
  'connections.forgetProjectPasswords',
  'connections.forgetAllPasswords',
  'demo.start',
  'demo.status',
  'demo.reopen',
  'demo.stop',
  'demo.manifest',
  'parity.run',
  'parity.suggest',
  'parity.document',
  'parity.columns',
  'checks.run',
  'checks.report',
  'checks.chooseSource',
  'inventory.run',
  'inventory.exportDbt',
  'teardown.snapshot',
  'teardown.backup',
  'teardown.recordBackup',
  'teardown.execute',
  'report.export',
  'files.list',
  'recovery.list',
  'recovery.restore',
  'recovery.discard',
  'jobs.list',
  'jobs.cancel',
] as const

export type OpNameFromList = (typeof OP_NAME_LIST)[number]
