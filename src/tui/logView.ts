import type { LogLine } from '../telemetry/index.js';
import type { RingBuffer } from '../play/ringBuffer.js';

export interface LogFilter {
  component?: string;
  source?: string;
  /** Case-insensitive substring. */
  search?: string;
}

export function matches(line: LogLine, filter: LogFilter, needle: string): boolean {
  if (filter.component !== undefined && line.component !== filter.component) return false;
  if (filter.source !== undefined && line.source !== filter.source) return false;
  return needle === '' || line.text.toLowerCase().includes(needle);
}

/**
 * The rows a log view of `height` shows: matching lines, newest at the bottom, `offset` lines back
 * from the newest (0 = following). Only what fits is touched, scanning back from the newest, so a
 * full buffer costs a frame no more than a short one (unless a filter matches rarely).
 */
export function visibleLogLines(
  buffer: RingBuffer<LogLine>,
  filter: LogFilter,
  offset: number,
  height: number,
): { lines: LogLine[]; offset: number; matchedAtLeast: number } {
  const needle = (filter.search ?? '').toLowerCase();
  const want = offset + height;
  const newestFirst: LogLine[] = [];
  buffer.scanNewest((line) => {
    if (matches(line, filter, needle)) newestFirst.push(line);
    return newestFirst.length < want;
  });
  // Clamp scrolling at the oldest line still held.
  const maxOffset = Math.max(0, newestFirst.length - height);
  const clamped = Math.min(offset, maxOffset);
  const lines = newestFirst.slice(clamped, clamped + height).reverse();
  return { lines, offset: clamped, matchedAtLeast: newestFirst.length };
}

/** Components and sources present in the buffer (for the filter pickers). */
export function logFacets(buffer: RingBuffer<LogLine>): {
  components: string[];
  sources: string[];
} {
  const components = new Set<string>();
  const sources = new Set<string>();
  buffer.scanNewest((line) => {
    components.add(line.component);
    sources.add(line.source);
    return true;
  });
  return { components: [...components].sort(), sources: [...sources].sort() };
}
