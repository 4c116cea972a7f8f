/**
 * Cuts text to `width` columns, marking the cut with `~`. ASCII on purpose: Ink measures every
 * row with string-width, whose fast path is printable ASCII; one `…` sends a whole log line
 * through the grapheme segmenter (it doubled the frame time in the benchmark).
 */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '~' : `${text.slice(0, width - 1)}~`;
}

/** A progress bar of `width` cells. */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  const full = Math.round(f * width);
  return `${'#'.repeat(full)}${'.'.repeat(Math.max(0, width - full))}`;
}
