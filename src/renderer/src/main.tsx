import './lib/zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/base.css'
import './styles/controls.css'
import './styles/shell.css'
import './styles/welcome.css'
import './styles/overview.css'
import './styles/checklist.css'
import './styles/connections.css'
import './styles/activity.css'
import './styles/parity.css'
import './styles/checks.css'
import './styles/commands.css'
import './styles/plan.css'
import './styles/teardown.css'
import './styles/optimize.css'
import './styles/signoff.css'
import './styles/next.css'
import './styles/files.css'
import './styles/step-layout.css'
import './styles/print.css'

const container = document.getElementById('root')
if (!container) throw new Error('The page has no #root element.')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
