import type { ReactNode } from 'react'

/**
 * The parts every chart shares: an SVG of a fixed size that reads as one image with a summary
 * (`role="img"`, `aria-label`, `<title>`), and a hatch pattern, so that a bar's meaning never
 * rests on its colour alone. No measuring and no effects: the same markup renders in a page and,
 * through `renderToStaticMarkup`, in the PDF.
 */
export function ChartFrame({
  className,
  width,
  height,
  summary,
  hatch,
  children,
}: {
  className: string
  width: number
  height: number
  summary: string
  /** The hatch pattern's id, its size, background and stroke colours. */
  hatch: { id: string; size: number; fill: string; stroke: string }
  children: ReactNode
}) {
  return (
    <svg
      className={className}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      <defs>
        <pattern
          id={hatch.id}
          width={hatch.size}
          height={hatch.size}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width={hatch.size} height={hatch.size} fill={hatch.fill} />
          <line x1={0} y1={0} x2={0} y2={hatch.size} stroke={hatch.stroke} strokeWidth={3} />
        </pattern>
      </defs>
      {children}
    </svg>
  )
}
