import type { FileCrumb, FileRoot } from '../../../../shared/contract-files'

/**
 * Where the file browser can go: the roots as shortcuts (home, the projects folder, the open
 * project's folder, recent projects' folders), the breadcrumbs of the folder shown, and the
 * Parent folder button.
 */
export function FilePlaces({
  id,
  roots,
  crumbs,
  parent,
  disabled,
  onGo,
}: {
  id: string
  roots: readonly FileRoot[]
  crumbs: readonly FileCrumb[]
  parent: string | null
  disabled: boolean
  onGo: (dir: string) => void
}) {
  const here = crumbs.at(-1)?.path ?? null
  return (
    <>
      {roots.length > 0 ? (
        <div className="file-roots" role="group" aria-labelledby={`${id}-roots`}>
          <span id={`${id}-roots`} className="file-roots-label">
            Places
          </span>
          {roots.map((root) => (
            <button
              key={root.path}
              type="button"
              className="button button-small file-root"
              title={root.path}
              aria-current={root.path === here ? 'location' : undefined}
              disabled={disabled}
              onClick={() => onGo(root.path)}
            >
              {root.kind === 'recent' ? `Recent: ${root.label}` : root.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="file-location">
        <button
          type="button"
          className="button button-small"
          disabled={disabled || parent === null}
          onClick={() => (parent !== null ? onGo(parent) : undefined)}
        >
          Parent folder
        </button>
        <nav aria-labelledby={`${id}-crumbs-name ${id}-label`} className="file-crumbs-nav">
          <span id={`${id}-crumbs-name`} hidden>
            Folder path of
          </span>
          <ol className="file-crumbs">
            {crumbs.map((crumb, i) =>
              i === crumbs.length - 1 ? (
                <li key={crumb.path} aria-current="location" className="file-crumb-here">
                  {crumb.name}
                </li>
              ) : (
                <li key={crumb.path}>
                  <button
                    type="button"
                    className="button button-quiet button-small file-crumb"
                    disabled={disabled}
                    onClick={() => onGo(crumb.path)}
                  >
                    {crumb.name}
                  </button>
                </li>
              ),
            )}
          </ol>
        </nav>
      </div>
    </>
  )
}
