import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { commandsOfItem, hasCommands } from '../../../../shared/commands/registry'
import { findItem } from '../../../../shared/steps-catalog'
import { useStore } from '../../store'
import { CommandBlock } from './CommandBlock'

/**
 * Commands and SQL to copy for one checklist item, shown in the item's details: the `.env`,
 * `docker compose`, psql and pgAdmin statements and Watchdog's lines the item asks the user to
 * run, generated from the project's connections and facts. Nothing for an item without any.
 */
export function ItemCommands({ itemId }: { itemId: string }) {
  const { connections, results, checks } = useStore(
    useShallow((s) => ({
      connections: s.project?.document.connections ?? null,
      results: s.project?.document.results ?? null,
      checks: s.project?.document.checks ?? null,
    })),
  )
  const blocks = useMemo(
    () =>
      connections && results && checks && hasCommands(itemId)
        ? commandsOfItem(itemId, { connections, results, checks })
        : [],
    [itemId, connections, results, checks],
  )
  if (blocks.length === 0) return null
  const title = findItem(itemId)?.item.title ?? itemId
  return (
    <div className="item-commands">
      <p className="field-label">Commands to copy</p>
      <ul className="command-list" aria-label={`Commands to copy for “${title}”`}>
        {blocks.map((block) => (
          <li key={block.id}>
            <CommandBlock block={block} />
          </li>
        ))}
      </ul>
    </div>
  )
}
