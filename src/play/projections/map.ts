import type { LogLine } from '../../telemetry/index.js';
import type { RingBuffer } from '../ringBuffer.js';
import { clean } from '../text.js';
import { componentStatuses, type ComponentStatus } from './componentStatus.js';
import type { Acknowledged, DrillView } from './drillView.js';

export interface MapComponent {
  id: string;
  statuses: ComponentStatus[];
}

export interface MapLayer {
  id: string;
  title: string;
  components: MapComponent[];
}

/** The architecture by layer (layers without components are left out), with statuses. */
export function projectMap(drill: DrillView, acknowledged: Acknowledged): MapLayer[] {
  const { architecture } = drill.compiled;
  return architecture.layers
    .map((layer) => ({
      id: layer.id,
      title: clean(layer.title),
      components: architecture.components
        .filter((c) => c.layer === layer.id)
        .map((c) => ({ id: c.id, statuses: componentStatuses(drill, c, acknowledged) })),
    }))
    .filter((layer) => layer.components.length > 0);
}

/** Component ids in map order: the order arrow keys walk. */
export function mapOrder(layers: MapLayer[]): string[] {
  return layers.flatMap((layer) => layer.components.map((c) => c.id));
}

/** Moves the map selection: left/right within the flat order, up/down to the adjacent layer. */
export function moveInMap(
  layers: MapLayer[],
  selected: string | undefined,
  direction: 'left' | 'right' | 'up' | 'down',
): string | undefined {
  const order = mapOrder(layers);
  if (order.length === 0) return undefined;
  const index = Math.max(0, order.indexOf(selected ?? ''));
  if (direction === 'left') return order[Math.max(0, index - 1)];
  if (direction === 'right') return order[Math.min(order.length - 1, index + 1)];
  const layerIndex = layers.findIndex((l) => l.components.some((c) => c.id === order[index]));
  const column = layers[layerIndex]!.components.findIndex((c) => c.id === order[index]);
  const nextLayer = layers[layerIndex + (direction === 'up' ? -1 : 1)];
  if (!nextLayer) return order[index];
  return nextLayer.components[Math.min(column, nextLayer.components.length - 1)]!.id;
}

export interface ComponentDetails {
  id: string;
  name: string;
  kind: string;
  layer: string;
  purpose: string;
  os: string;
  stack: string[];
  data: string[];
  reaches: string[];
  vulnerabilities: string[];
  baselines: string[];
  statuses: ComponentStatus[];
  latestLines: string[];
}

/** Everything the trainee's notes say about a component, plus its latest log lines. */
export function projectDetails(
  drill: DrillView,
  id: string,
  acknowledged: Acknowledged,
  logs: RingBuffer<LogLine>,
  maxLines = 5,
): ComponentDetails | undefined {
  const { architecture } = drill.compiled;
  const c = architecture.components.find((x) => x.id === id);
  if (!c) return undefined;
  const latest: string[] = [];
  logs.scanNewest((line) => {
    if (line.component === id) latest.push(line.text);
    return latest.length < maxLines;
  });
  return {
    id: c.id,
    name: clean(c.name),
    kind: c.kind,
    layer: clean(architecture.layers.find((l) => l.id === c.layer)?.title ?? c.layer),
    purpose: clean(c.purpose),
    os: clean(c.os),
    stack: c.stack.map(clean),
    data: c.data.map(
      (d) => clean(architecture.data_classes.find((x) => x.id === d)?.title ?? d) || d,
    ),
    reaches: c.reaches,
    vulnerabilities: architecture.vulnerabilities
      .filter((v) => v.components.includes(id))
      .map((v) => clean(`${v.cve ?? v.id} (CVSS ${v.cvss}) ${v.title}`)),
    baselines: architecture.baselines
      .filter((b) => c.baseline.includes(b.id))
      .map((b) => clean(`${b.title}: ${b.description}`)),
    statuses: componentStatuses(drill, c, acknowledged),
    latestLines: latest.reverse(),
  };
}
