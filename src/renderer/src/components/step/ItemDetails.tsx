import { checksOfItem } from '../../../../shared/checks/check-catalog'
import { CONNECTIONS_ITEM_ID } from '../../../../shared/connection-targets'
import { latestResultFor } from '../../../../shared/progress'
import { GATES_OF_ITEM } from '../../../../shared/teardown/gate-items'
import type { ChecklistItemDef } from '../../../../shared/steps'
import { useStore } from '../../store'
import { selectItem, selectResults, selectSettings } from '../../store/selectors'
import { ItemChecks } from '../checks/ItemChecks'
import { ItemCommands } from '../commands/ItemCommands'
import { DocLink } from '../common/DocLink'
import { ConnectionsSummary } from '../connections/ConnectionsSummary'
import { ItemGates } from '../teardown/ItemGates'
import { CheckResultView } from './CheckResultView'
import { EvidenceList } from './EvidenceList'
import { NoteField } from './NoteField'
import { StatusControl } from './StatusControl'
import { UpdatedLine } from './UpdatedLine'

const NO_EVIDENCE: [] = []

/**
 * What an opened checklist item shows: what to do and where the docs say so, its status, what
 * judges it (its automated checks, the connection tests, the teardown gates or its stored
 * result), the commands to copy, and what the team recorded (note, evidence, who and when).
 */
export function ItemDetails({ item }: { item: ChecklistItemDef }) {
  const state = useStore(selectItem(item.id))
  const results = useStore(selectResults)
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const status = state?.status ?? 'todo'
  const onGitHub = item.docUrl.startsWith('https://github.com/')
  return (
    <>
      <p className="item-detail">{item.detail}</p>
      <p className="item-doc">
        <DocLink href={item.docUrl}>
          {onGitHub ? 'Open on GitHub' : 'Read in the CHT docs'}: {item.docTitle}
        </DocLink>
      </p>
      <StatusControl itemId={item.id} itemTitle={item.title} status={status} />
      {item.id === CONNECTIONS_ITEM_ID ? (
        <ConnectionsSummary />
      ) : checksOfItem(item.id).length > 0 ? (
        <ItemChecks itemId={item.id} itemTitle={item.title} />
      ) : item.checkId && !GATES_OF_ITEM[item.id] ? (
        <CheckResultView
          result={latestResultFor(results, item.id)}
          staleAfterDays={staleAfterDays}
        />
      ) : null}
      {GATES_OF_ITEM[item.id] ? <ItemGates itemId={item.id} /> : null}
      <ItemCommands itemId={item.id} />
      <NoteField itemId={item.id} note={state?.note ?? ''} />
      <EvidenceList
        itemId={item.id}
        itemTitle={item.title}
        evidence={state?.evidence ?? NO_EVIDENCE}
      />
      <UpdatedLine state={state} />
    </>
  )
}
