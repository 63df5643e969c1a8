import { pathParts } from '../../lib/teardown-view'

/**
 * A file path in code style that wraps after its separators rather than inside a name (at a
 * hyphen, say); a single name longer than the line still breaks, anywhere.
 */
export function WrappedPath({ path }: { path: string }) {
  return (
    <code className="teardown-path">
      {pathParts(path).map((part, i) => (
        <span key={i} className="teardown-path-part">
          {part}
        </span>
      ))}
    </code>
  )
}
