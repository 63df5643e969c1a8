import { useRef } from 'react'
import { useHeaderHeight } from '../../hooks/use-header-height'
import { ActivityTray } from '../jobs/ActivityTray'
import { ProjectActions } from './ProjectActions'
import { ProjectName } from './ProjectName'
import { SaveStatus } from './SaveStatus'
import { UserNameControl } from './UserNameControl'

/** The banner of the shell: the project's name and file state, its actions, and who you are. */
export function AppHeader() {
  const ref = useRef<HTMLElement>(null)
  useHeaderHeight(ref)
  return (
    <header ref={ref} className="app-header">
      <div className="app-header-project">
        <p className="app-name">cht-migrate</p>
        <ProjectName />
        <SaveStatus />
      </div>
      <div className="app-header-tools">
        <ActivityTray />
        <ProjectActions />
        <UserNameControl />
      </div>
    </header>
  )
}
