import type { CommandBlock as Block, CommandLanguage } from '../../../../shared/commands/registry'
import { CopyButton } from '../checks/CopyButton'

/** How each kind of text is named beside its title. */
export const LANGUAGE_LABELS: Record<CommandLanguage, string> = {
  shell: 'terminal',
  env: '.env',
  sql: 'SQL',
  yaml: 'YAML',
  text: 'text',
}

/**
 * One block to copy, as a disclosure: its title and kind when closed; opened, what it does and
 * where to run it, what the project still lacks for it, the text (scrolling sideways rather than
 * wrapping, so a command reads as it will run) and a Copy button that announces “Copied.”.
 */
export function CommandBlock({ block }: { block: Block }) {
  const kind = LANGUAGE_LABELS[block.language]
  return (
    <details className="command-block" data-testid={`command-${block.id}`}>
      <summary>
        <span className="command-title">{block.title}</span>{' '}
        <span className="command-kind">{kind}</span>
      </summary>
      <div className="command-body">
        <p className="command-purpose">{block.purpose}</p>
        {block.missing.length > 0 ? (
          <ul className="command-missing" aria-label="What the project still lacks for this">
            {block.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        <div className="command-code">
          <pre tabIndex={0} aria-label={`${block.title} (${kind})`}>
            <code className={`language-${block.language}`}>{block.text}</code>
          </pre>
          <CopyButton text={block.text} accessibleLabel={`Copy ${block.title}`} />
        </div>
      </div>
    </details>
  )
}
