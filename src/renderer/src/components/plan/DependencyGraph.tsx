import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import {
  dependencyNeighbourhood,
  layoutNeighbourhood,
  type LaidOutNode,
} from '../../lib/inventory-graph'
import { countText, KIND_LABEL } from '../../lib/inventory-view'
import { DetailSection } from './DetailSections'
import { DependencyList } from './DependencyList'

const kindWord = (n: LaidOutNode) => (n.kind ? KIND_LABEL[n.kind] : 'Not in the inventory')

function GraphNode({ node, onOpen }: { node: LaidOutNode; onOpen: (key: string) => void }) {
  const focus = node.side === 'focus'
  const openable = node.known && !focus
  const open = () => onOpen(node.key)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      open()
    }
  }
  const body = (
    <>
      <title>{`${node.label} (${kindWord(node)})`}</title>
      <rect width={node.width} height={node.height} rx={5} />
      <text x={10} y={17} className="inventory-graph-label">
        {node.shortLabel}
      </text>
      <text x={10} y={33} className="inventory-graph-kind">
        {kindWord(node)}
      </text>
    </>
  )
  const className = `inventory-graph-node inventory-graph-${node.side}${node.known ? '' : ' inventory-graph-unknown'}`
  return openable ? (
    <g
      className={className}
      transform={`translate(${node.x} ${node.y})`}
      role="button"
      tabIndex={0}
      aria-label={`Open ${node.label} (${kindWord(node)})`}
      onClick={open}
      onKeyDown={onKeyDown}
    >
      {body}
    </g>
  ) : (
    <g
      className={className}
      transform={`translate(${node.x} ${node.y})`}
      aria-current={focus ? 'true' : undefined}
    >
      {body}
    </g>
  )
}

/**
 * What an object reads and what reads it, as a graph laid out with dagre (left: what it reads;
 * right: what reads it; each node a button that opens its object, reachable with Tab), and the
 * same dependencies as lists of buttons beside it for screen readers and keyboards alike.
 */
export function DependencyGraph({
  object,
  byKey,
  onOpen,
}: {
  object: InventoryObject
  byKey: ReadonlyMap<string, InventoryObject>
  onOpen: (key: string) => void
}) {
  const markerId = useId()
  const graph = useMemo(() => {
    const n = dependencyNeighbourhood(object, byKey)
    return { layout: n.members.length > 1 ? layoutNeighbourhood(n) : null, hidden: n.hidden }
  }, [object, byKey])
  const { layout } = graph
  // A graph wider than its box opens scrolled to the object shown, not to its far left.
  const scroller = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const box = scroller.current
    const focus = layout?.nodes.find((n) => n.side === 'focus')
    if (!box || !focus) return
    box.scrollLeft = Math.max(0, focus.x + focus.width / 2 - box.clientWidth / 2)
  }, [layout])
  return (
    <DetailSection title="Dependencies" testId="detail-dependencies">
      {layout ? (
        <div
          ref={scroller}
          className="inventory-graph-scroll"
          role="region"
          aria-label={`Dependency graph of ${object.name}`}
          tabIndex={0}
        >
          <svg
            className="inventory-graph"
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            role="group"
            aria-label={`Graph: what ${object.name} reads, on its left, and what reads it, on its right`}
          >
            <defs>
              <marker
                id={markerId}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={7}
                markerHeight={7}
                orient="auto-start-reverse"
              >
                <path d="M0 0 L10 5 L0 10 z" className="inventory-graph-arrow" />
              </marker>
            </defs>
            {layout.edges.map((e) => (
              <path
                key={`${e.from}>${e.to}`}
                d={e.path}
                className="inventory-graph-edge"
                markerEnd={`url(#${markerId})`}
              />
            ))}
            {layout.nodes.map((n) => (
              <GraphNode key={n.key} node={n} onOpen={onOpen} />
            ))}
          </svg>
        </div>
      ) : (
        <p className="muted">It reads no other object of the inventory, and none reads it.</p>
      )}
      {graph.hidden > 0 ? (
        <p className="hint">
          {countText(graph.hidden)} further away not drawn; the lists name every direct dependency.
        </p>
      ) : null}
      <DependencyList object={object} byKey={byKey} onOpen={onOpen} />
    </DetailSection>
  )
}
