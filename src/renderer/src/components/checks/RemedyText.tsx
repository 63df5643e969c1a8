import { splitFenced } from '../../lib/check-view'
import { DocLink } from '../common/DocLink'
import { CopyButton } from './CopyButton'

/**
 * What to do about a check's finding: its prose, each fenced code block as a `<pre>` with a Copy
 * button, and the CHT page that explains it.
 */
export function RemedyText({ text, docUrl }: { text: string; docUrl: string | null }) {
  const segments = splitFenced(text)
  return (
    <div className="check-remedy">
      <p className="check-remedy-label">What to do</p>
      {segments.map((segment, i) =>
        segment.kind === 'text' ? (
          <p key={i} className="check-remedy-text">
            {segment.text}
          </p>
        ) : (
          <div key={i} className="code-block">
            <pre tabIndex={0} aria-label="Command or setting to use">
              <code>{segment.code}</code>
            </pre>
            <CopyButton text={segment.code} accessibleLabel="Copy the command or setting" />
          </div>
        ),
      )}
      {docUrl ? (
        <p className="check-remedy-doc">
          <DocLink href={docUrl}>
            {docUrl.startsWith('https://github.com/') ? 'Open on GitHub' : 'Read in the CHT docs'}
          </DocLink>
        </p>
      ) : null}
    </div>
  )
}
