import type { BackupRecord } from '../../../../shared/teardown/teardown-settings'
import { exactTime } from '../../lib/format'
import { sizeText } from '../../lib/teardown-view'
import { TimeAgo } from '../common/TimeAgo'
import { WrappedPath } from './WrappedPath'

/** The recorded backup: its file, size, checksum, entries, origin and when it was verified. */
export function BackupRecordFacts({ backup }: { backup: BackupRecord }) {
  return (
    <dl className="result-evidence teardown-backup-facts" data-testid="teardown-backup-record">
      <div>
        <dt>File</dt>
        <dd>
          <WrappedPath path={backup.path} />
        </dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>{sizeText(backup.sizeBytes)}</dd>
      </div>
      <div>
        <dt>SHA-256</dt>
        <dd>
          <code className="teardown-hash">{backup.sha256}</code>
        </dd>
      </div>
      <div>
        <dt>Entries</dt>
        <dd>
          {backup.entries.toLocaleString('en-US')} read by <code>pg_restore --list</code>
        </dd>
      </div>
      <div>
        <dt>Database</dt>
        <dd>
          {backup.database} (server {backup.serverVersion}, pg_dump {backup.toolVersion}, custom
          format)
        </dd>
      </div>
      <div>
        <dt>Origin</dt>
        <dd>
          {backup.origin === 'made' ? 'Made by the wizard' : 'An existing file, recorded'}{' '}
          {exactTime(backup.createdAt)}
        </dd>
      </div>
      <div>
        <dt>Verified</dt>
        <dd>
          {exactTime(backup.verifiedAt)} (<TimeAgo iso={backup.verifiedAt} />)
        </dd>
      </div>
    </dl>
  )
}
