import { formatDuration, stripControl, type Scenario } from '../model/index.js';
import { describeCondition } from './describeCondition.js';

/** The scenario machine as a plain graph: attacker states, injects and what triggers them. */
export interface ScenarioGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphNode {
  id: string;
  kind: 'start' | 'state' | 'inject' | 'action' | 'manual' | 'containment';
  label: string[];
  malicious?: boolean;
  objective?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** Attacker moves are solid; triggers of injects are dotted. */
  kind: 'move' | 'trigger';
}

export type GraphFormat = 'mermaid' | 'dot';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

export function scenarioGraph(scenario: Scenario): ScenarioGraph {
  const nodes: GraphNode[] = [{ id: 'start', kind: 'start', label: ['T+0'] }];
  const edges: GraphEdge[] = [
    { from: 'start', to: `state:${scenario.attacker.initial}`, label: 'initial', kind: 'move' },
  ];
  for (const state of scenario.attacker.states) {
    const facts = [
      state.compromises.length ? `compromises ${state.compromises.join(', ')}` : '',
      state.reaches_data.length ? `reaches ${state.reaches_data.join(', ')}` : '',
      state.objective ? 'objective' : '',
    ].filter(Boolean);
    nodes.push({
      id: `state:${state.id}`,
      kind: 'state',
      label: [state.id, state.title, ...facts],
      malicious: state.malicious,
      objective: state.objective,
    });
    for (const tr of state.next) {
      const parts = [
        `after ${formatDuration(tr.after)}${tr.jitter ? ` +/-${formatDuration(tr.jitter)}` : ''}`,
      ];
      if (tr.when) parts.push(`when ${describeCondition(tr.when)}`);
      if (tr.unless) parts.push(`unless ${describeCondition(tr.unless)}`);
      if (tr.retry) parts.push(`retry ${formatDuration(tr.retry)}`);
      edges.push({
        from: `state:${state.id}`,
        to: `state:${tr.to}`,
        label: parts.join('; '),
        kind: 'move',
      });
    }
  }
  const actionNodes = new Set<string>();
  let manual = false;
  for (const inject of scenario.injects) {
    const id = `inject:${inject.id}`;
    nodes.push({
      id,
      kind: 'inject',
      label: [
        `${inject.type}: ${inject.id}`,
        inject.title,
        ...(inject.when ? [`if ${describeCondition(inject.when)}`] : []),
      ],
      malicious: inject.malicious,
    });
    const delay = inject.delay ? `+${formatDuration(inject.delay)}` : 'at once';
    if (inject.at !== undefined) {
      edges.push({ from: 'start', to: id, label: formatDuration(inject.at), kind: 'trigger' });
    } else if (inject.on_enter !== undefined) {
      edges.push({ from: `state:${inject.on_enter}`, to: id, label: delay, kind: 'trigger' });
    } else if (inject.on_action !== undefined) {
      const action = `action:${inject.on_action}`;
      if (!actionNodes.has(action)) {
        actionNodes.add(action);
        nodes.push({ id: action, kind: 'action', label: [`action ${inject.on_action}`] });
      }
      const label = [inject.on_target, inject.delay ? delay : ''].filter(Boolean).join(' ');
      edges.push({ from: action, to: id, label: label || 'done', kind: 'trigger' });
    } else {
      if (!manual) nodes.push({ id: 'manual', kind: 'manual', label: ['facilitator'] });
      manual = true;
      edges.push({ from: 'manual', to: id, label: 'manual', kind: 'trigger' });
    }
  }
  nodes.push({
    id: 'containment',
    kind: 'containment',
    label: ['contained when', describeCondition(scenario.containment.when)],
  });
  return { nodes, edges };
}

/** Node ids safe for both syntaxes, unique even when two scenario ids differ only in punctuation. */
function nodeIds(graph: ScenarioGraph): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of graph.nodes) {
    const base = `n_${node.id.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

function clean(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim().slice(0, 160);
}

/** Mermaid text inside `"..."`: quotes and angle brackets as entity codes. */
function mermaidText(text: string): string {
  return clean(text)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

export function toMermaid(scenario: Scenario, graph = scenarioGraph(scenario)): string {
  const ids = nodeIds(graph);
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const id = ids.get(node.id)!;
    const label = node.label.map(mermaidText).join('<br/>');
    const shape =
      node.kind === 'start'
        ? `(("${label}"))`
        : node.kind === 'state'
          ? `("${label}")`
          : node.kind === 'inject'
            ? `[/"${label}"/]`
            : node.kind === 'action'
              ? `{{"${label}"}}`
              : `["${label}"]`;
    lines.push(`  ${id}${shape}`);
  }
  for (const edge of graph.edges) {
    const arrow = edge.kind === 'move' ? '-->' : '-.->';
    lines.push(
      `  ${ids.get(edge.from)} ${arrow}|"${mermaidText(edge.label)}"| ${ids.get(edge.to)}`,
    );
  }
  lines.push('  classDef harmless fill:#eef,stroke:#669');
  lines.push('  classDef objective fill:#fdd,stroke:#a00,stroke-width:2px');
  lines.push('  classDef noise fill:#eee,stroke:#999,stroke-dasharray:3 3');
  const of = (pred: (n: GraphNode) => boolean) =>
    graph.nodes.filter(pred).map((n) => ids.get(n.id)!);
  const harmless = of((n) => n.kind === 'state' && n.malicious === false);
  const objective = of((n) => n.kind === 'state' && n.objective === true);
  const noise = of((n) => n.kind === 'inject' && n.malicious === false);
  if (harmless.length) lines.push(`  class ${harmless.join(',')} harmless`);
  if (objective.length) lines.push(`  class ${objective.join(',')} objective`);
  if (noise.length) lines.push(`  class ${noise.join(',')} noise`);
  return `${lines.join('\n')}\n`;
}

function dotText(text: string): string {
  return clean(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function toDot(scenario: Scenario, graph = scenarioGraph(scenario)): string {
  const ids = nodeIds(graph);
  const lines = [
    `digraph "${dotText(scenario.id)}" {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const node of graph.nodes) {
    const attrs: string[] = [`label="${node.label.map(dotText).join('\\n')}"`];
    switch (node.kind) {
      case 'start':
        attrs.push('shape=circle');
        break;
      case 'state':
        attrs.push('shape=box', 'style="rounded,filled"');
        attrs.push(
          `fillcolor="${node.objective ? '#ffdddd' : node.malicious === false ? '#eeeeff' : '#ffffff'}"`,
        );
        break;
      case 'inject':
        attrs.push('shape=note', node.malicious === false ? 'color="#999999"' : 'color="#000000"');
        break;
      case 'action':
        attrs.push('shape=hexagon');
        break;
      default:
        attrs.push('shape=box', 'style=dashed');
    }
    lines.push(`  ${ids.get(node.id)} [${attrs.join(', ')}];`);
  }
  for (const edge of graph.edges) {
    const style = edge.kind === 'trigger' ? ', style=dashed' : '';
    lines.push(
      `  ${ids.get(edge.from)} -> ${ids.get(edge.to)} [label="${dotText(edge.label)}"${style}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
