import { sendIntents } from '../../actions/project-actions'
import { useStore } from '../../store'
import { InlineEdit } from '../common/InlineEdit'

/** The open project's name, renamed in place (a `project.rename` intent). */
export function ProjectName() {
  const name = useStore((s) => s.project?.document.name ?? '')
  return (
    <InlineEdit
      label="Project name"
      value={name}
      editLabel="Rename"
      editAriaLabel="Rename project"
      display={
        <span className="project-name" title={name}>
          {name}
        </span>
      }
      onSave={async (next) => {
        const ok = await sendIntents(
          [{ type: 'project.rename', name: next }],
          `Project renamed to ${next}.`,
        )
        return ok ? null : 'The name was not changed; see the message above.'
      }}
    />
  )
}
