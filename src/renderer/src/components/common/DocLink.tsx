import type { ReactNode } from 'react'

/**
 * A link to the CHT documentation or a medic repository. It opens outside the app (a new tab in
 * browser mode; the system browser through the main side's guard in Electron, SEC-06).
 */
export function DocLink({
  href,
  children,
  className,
}: {
  href: string
  children: ReactNode
  className?: string
}) {
  return (
    <a href={href} target="_blank" rel="noreferrer" className={className ?? 'doc-link'}>
      {children}
      <span className="visually-hidden"> (opens in a new window)</span>
    </a>
  )
}
