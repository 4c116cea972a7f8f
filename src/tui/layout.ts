/** Panel sizes for a terminal of `columns` x `rows`: the root is never taller than rows - 1. */
export interface Layout {
  columns: number;
  /** Height of the whole UI (rows - 1, so the terminal never scrolls). */
  height: number;
  body: number;
  left: number;
  right: number;
  map: number;
  details: number;
  alerts: number;
  work: number;
  /** Layer titles in the map, or ids only on narrow terminals. */
  layerTitle: number;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
/** Header (2 lines) and key bar (1 line). */
const CHROME = 3;

export function computeLayout(columns: number, rows: number, mapLayers: number): Layout {
  const cols = Math.max(40, columns);
  const height = Math.max(10, rows - 1);
  const body = Math.max(4, height - CHROME);
  const left = cols >= 110 ? 46 : cols >= 90 ? 38 : Math.max(20, Math.floor(cols * 0.38));
  const right = cols - left - 1;
  const map = Math.min(body - 3, mapLayers + 1);
  const alerts = Math.min(body - 4, body >= 30 ? 10 : body >= 20 ? 7 : 5);
  return {
    columns: cols,
    height,
    body,
    left,
    right,
    map,
    details: body - map,
    alerts,
    work: body - alerts,
    layerTitle: left >= 40 ? 14 : left >= 34 ? 8 : 0,
  };
}
