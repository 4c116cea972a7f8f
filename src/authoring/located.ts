import {
  stripControl,
  type Diagnostic,
  type PathSegment,
  type YamlSource,
} from '../model/index.js';

export type Severity = Diagnostic['severity'];

/** Builds diagnostics located at data paths of one parsed YAML source. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: string[];

  constructor(private readonly source: YamlSource) {
    this.lines = source.text.split(/\r?\n/);
  }

  report(
    severity: Severity,
    path: readonly PathSegment[],
    code: string,
    message: string,
    expected?: string,
  ): void {
    const pos = this.source.locate(path);
    this.diagnostics.push({
      file: this.source.file,
      line: pos.line,
      column: pos.column,
      severity,
      code,
      message: stripControl(message),
      sourceLine: stripControl(this.lines[pos.line - 1] ?? ''),
      ...(expected ? { expected: stripControl(expected) } : {}),
    });
  }

  error(path: readonly PathSegment[], code: string, message: string, expected?: string): void {
    this.report('error', path, code, message, expected);
  }

  warn(path: readonly PathSegment[], code: string, message: string, expected?: string): void {
    this.report('warning', path, code, message, expected);
  }
}
