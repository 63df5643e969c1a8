import { useRef, type ReactNode } from 'react'
import { useFocusOnNavigate } from '../../hooks/use-focus-on-navigate'

/** The page's one h1; it takes focus when the user navigates to the page. */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useFocusOnNavigate(ref)
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-title">
      {children}
    </h1>
  )
}
