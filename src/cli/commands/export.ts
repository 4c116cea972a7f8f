import {
  htmlReport,
  markdownReport,
  readResultsFile,
  summaryCsv,
  summaryRow,
  timelineCsv,
  safeJson,
} from '../../export/index.js';
import { emit, type Io } from './output.js';

export interface ExportOptions {
  format: 'markdown' | 'csv' | 'csv-summary' | 'html' | 'json';
  out?: string;
}

export function exportCommand(file: string, options: ExportOptions, io: Io): number {
  const results = readResultsFile(file);
  const text = {
    markdown: () => markdownReport(results),
    csv: () => timelineCsv(results),
    'csv-summary': () => summaryCsv([summaryRow(results, file)]),
    html: () => htmlReport(results),
    // Re-serialised after validation: what goes out is exactly what the schema allows.
    json: () => `${safeJson(results, 2)}\n`,
  }[options.format]();
  emit(text, options.out, io);
  return 0;
}
