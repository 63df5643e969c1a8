/** A figure of a chart's table: a number, a word, or nothing read. */
export type Figure = string | number | null

/**
 * A chart's figures as a table for screen readers (visually hidden): the full text alternative
 * beside the chart's one-sentence summary.
 */
export function FiguresTable({
  caption,
  columns,
  rows,
}: {
  caption: string
  columns: readonly string[]
  /** Each row's first cell names it (a day, say). */
  rows: readonly (readonly Figure[])[]
}) {
  return (
    // The wrapper hides it: a table does not shrink below its content, a block does.
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([head, ...cells], i) => (
            <tr key={i}>
              <th scope="row">{head}</th>
              {cells.map((cell, j) => (
                <td key={j}>{cell ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
