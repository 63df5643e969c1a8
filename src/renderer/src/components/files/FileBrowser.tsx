import { useEffect, useId, useRef, useState } from 'react'
import type { FileEntry, FilePurpose, FolderListing } from '../../../../shared/contract-files'
import type { ReportFormat } from '../../../../shared/report/formats'
import { listFolder } from '../../actions/file-actions'
import { dirName } from '../../lib/format'
import { FileList } from './FileList'
import { FilePlaces } from './FilePlaces'

/** What the browser asks the engine for: a folder (none: the engine's start) and why. */
interface Request {
  dir: string | undefined
  /** Set when the person moved (not on the first listing): the list takes the focus then. */
  moved: boolean
  /**
   * Where the first listing goes when its folder cannot be shown (a suggested folder not made
   * yet): its parent, then the engine's start (undefined).
   */
  fallbacks: Array<string | undefined>
}

const EMPTY: Record<FilePurpose, string> = {
  open: 'No folders or project files here.',
  save: 'No folders or project files here; the project can be saved here.',
  export: 'No folders or files of this kind here; the file can be saved here.',
  folder: 'No folders here.',
}

/**
 * Browser mode's file browser: lists folders on the computer running the wizard (`files.list`,
 * confined by the engine to home, the projects folder and the folders of open and recent
 * projects), so nobody has to type a path. Places and breadcrumbs move between folders, the list
 * opens folders and chooses files (`onFile`); `onFolder` hears of each folder the person moves
 * to. A refusal or a failed read is shown in place, with the places still there to go elsewhere.
 */
export function FileBrowser({
  label,
  purpose,
  format,
  startDir,
  chosen,
  onFolder,
  onFile,
}: {
  /** What the list is called: `Project files on this computer`. */
  label: string
  purpose: FilePurpose
  format?: ReportFormat | undefined
  /** The folder to show first; when it cannot be shown, the engine's start instead. */
  startDir?: string | undefined
  chosen?: string | undefined
  onFolder?: (dir: string) => void
  onFile: (entry: FileEntry) => void
}) {
  const id = useId()
  const [request, setRequest] = useState<Request>(() => ({
    dir: startDir,
    moved: false,
    fallbacks: startDir === undefined ? [] : [dirName(startDir), undefined],
  }))
  const [listing, setListing] = useState<FolderListing | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The request whose answer is shown; another one is still being read.
  const [answered, setAnswered] = useState<Request | null>(null)
  const loading = answered !== request
  const [active, setActive] = useState(0)
  const [status, setStatus] = useState('')
  const list = useRef<HTMLDivElement | null>(null)
  const places = useRef<HTMLDivElement | null>(null)
  const onFolderRef = useRef(onFolder)
  const focusPending = useRef(false)
  useEffect(() => {
    onFolderRef.current = onFolder
  })

  // After a move, the list takes the focus (or, with nothing to list, the first place).
  useEffect(() => {
    if (loading || !focusPending.current) return
    focusPending.current = false
    if (list.current) list.current.focus()
    else places.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus()
  }, [loading, listing, error])

  useEffect(() => {
    let live = true
    void listFolder({
      purpose,
      ...(format ? { format } : {}),
      ...(request.dir ? { dir: request.dir } : {}),
    }).then((result) => {
      if (!live) return
      setAnswered(request)
      focusPending.current = request.moved
      if (!result.ok) {
        const [next, ...rest] = request.fallbacks
        if (request.fallbacks.length > 0) setRequest({ dir: next, moved: false, fallbacks: rest })
        else setError(result.error.message)
        return
      }
      const value = result.value
      setListing(value)
      setError(null)
      const chosenAt = value.entries.findIndex((e) => e.path === chosen)
      setActive(Math.max(chosenAt, 0))
      if (request.moved && value.dir) {
        onFolderRef.current?.(value.dir)
        setStatus(`${value.crumbs.at(-1)?.name ?? value.dir}: ${countText(value)}`)
      }
    })
    return () => {
      live = false
    }
    // `chosen` is read when a listing arrives; it does not list the folder again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, purpose, format])

  const go = (dir: string) => setRequest({ dir, moved: true, fallbacks: [] })
  const open = (entry: FileEntry) => {
    if (entry.kind === 'folder') go(entry.path)
    else {
      onFile(entry)
      setStatus(`Chose ${entry.name}.`)
    }
  }

  const here = listing?.crumbs.at(-1)?.name ?? 'the folder'
  return (
    <div className="file-browser" role="group" aria-labelledby={`${id}-label`} aria-busy={loading}>
      <p id={`${id}-label`} className="field-label">
        {label}
      </p>
      <div ref={places}>
        <FilePlaces
          id={id}
          roots={listing?.roots ?? []}
          crumbs={listing?.crumbs ?? []}
          parent={listing?.parent ?? null}
          disabled={loading}
          onGo={go}
        />
      </div>
      {error ? (
        <p className="field-error file-error" role="alert">
          {error}
        </p>
      ) : listing && listing.entries.length > 0 ? (
        <FileList
          id={`${id}-list`}
          label={`Folders and files in ${here}`}
          entries={listing.entries}
          chosen={chosen}
          active={active}
          onActive={setActive}
          onOpen={open}
          onParent={() => (listing.parent ? go(listing.parent) : undefined)}
          scroller={list}
        />
      ) : (
        <p className="file-empty muted">
          {loading ? 'Reading the folder…' : listing?.dir ? EMPTY[purpose] : 'No folder to show.'}
        </p>
      )}
      {listing && listing.more > 0 ? (
        <p className="hint">
          {listing.more.toLocaleString()} more not shown; type the path if the one you need is among
          them.
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  )
}

function countText(listing: FolderListing): string {
  const n = listing.entries.length + listing.more
  return n === 0 ? 'empty' : n === 1 ? '1 entry' : `${n.toLocaleString()} entries`
}
