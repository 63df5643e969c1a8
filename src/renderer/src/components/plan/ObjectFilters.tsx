import { useId } from 'react'
import {
  COMPLEXITY_BANDS,
  OBJECT_ORIGINS,
  type InventoryObjectKind,
} from '../../../../shared/results/inventory-result'
import { activeFilterCount, NO_FILTERS, type InventoryFilters } from '../../lib/inventory-table'
import {
  COMPLEXITY_LABEL,
  DECISION_SHORT,
  KIND_LABEL,
  ORIGIN_LABEL,
  type DecisionState,
} from '../../lib/inventory-view'

const DECISION_STATES: readonly DecisionState[] = ['undecided', 'replace', 'rebuild', 'retire']

const opt = <T extends string>(value: T, labels: Readonly<Record<T, string>>) => ({
  value,
  label: labels[value],
})

/** One choice of a filter: its value and its words. */
interface Option<T extends string> {
  value: T
  label: string
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: T
  options: readonly Option<T>[]
  onChange: (value: T) => void
}) {
  const id = useId()
  return (
    <div className="inventory-filter">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        className="input input-small"
        value={value}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.currentTarget.value)
          if (chosen) onChange(chosen.value)
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <label className="checkbox inventory-check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  )
}

/**
 * The objects table's search (names and schemas, the SQL on request) and filters: kind, origin,
 * decision (undecided included), complexity, manual review and unreadable, with how many of the
 * objects they let through.
 */
export function ObjectFilters({
  filters,
  kinds,
  onChange,
  shown,
  total,
}: {
  filters: InventoryFilters
  kinds: readonly InventoryObjectKind[]
  onChange: (filters: InventoryFilters) => void
  shown: number
  total: number
}) {
  const searchId = useId()
  const set = <K extends keyof InventoryFilters>(key: K, value: InventoryFilters[K]) =>
    onChange({ ...filters, [key]: value })
  const active = activeFilterCount(filters)
  return (
    <div className="inventory-filters" role="search" aria-label="Objects">
      <div className="inventory-filter inventory-search">
        <label htmlFor={searchId} className="field-label">
          Search
        </label>
        <input
          id={searchId}
          type="search"
          className="input input-small"
          value={filters.query}
          spellCheck={false}
          placeholder="Name or schema"
          onChange={(e) => set('query', e.currentTarget.value)}
        />
      </div>
      <Select
        label="Kind"
        value={filters.kind}
        options={[{ value: 'all', label: 'All kinds' }, ...kinds.map((k) => opt(k, KIND_LABEL))]}
        onChange={(v) => set('kind', v)}
      />
      <Select
        label="Origin"
        value={filters.origin}
        options={[
          { value: 'all', label: 'Any origin' },
          ...OBJECT_ORIGINS.map((o) => opt(o, ORIGIN_LABEL)),
        ]}
        onChange={(v) => set('origin', v)}
      />
      <Select
        label="Decision"
        value={filters.decision}
        options={[
          { value: 'all', label: 'Any decision' },
          ...DECISION_STATES.map((d) => opt(d, DECISION_SHORT)),
        ]}
        onChange={(v) => set('decision', v)}
      />
      <Select
        label="Complexity"
        value={filters.complexity}
        options={[
          { value: 'all', label: 'Any complexity' },
          ...COMPLEXITY_BANDS.map((c) => opt(c, COMPLEXITY_LABEL)),
          { value: 'none', label: 'Not mapped' },
        ]}
        onChange={(v) => set('complexity', v)}
      />
      <div className="inventory-filter-checks">
        <Check
          label="Search the SQL too"
          checked={filters.inDefinitions}
          onChange={(v) => set('inDefinitions', v)}
        />
        <Check
          label="Needs manual review"
          checked={filters.review}
          onChange={(v) => set('review', v)}
        />
        <Check
          label="Could not read"
          checked={filters.unreadable}
          onChange={(v) => set('unreadable', v)}
        />
      </div>
      <p className="inventory-shown" aria-live="polite" data-testid="inventory-shown">
        {shown === total
          ? `${total.toLocaleString('en-US')} objects`
          : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} objects`}
        {active > 0 ? (
          <>
            {' '}
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onChange(NO_FILTERS)}
            >
              Clear the filters
            </button>
          </>
        ) : null}
      </p>
    </div>
  )
}
