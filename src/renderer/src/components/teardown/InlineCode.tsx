/**
 * Text whose `backticked` parts (commands, file names) are shown as code, as the gates and the
 * plan write them.
 */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/)
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
}
