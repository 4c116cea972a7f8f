export interface TuiOptions {
  scenario?: string;
  seed?: string;
  architecture?: string;
}

export async function startTui(_options: TuiOptions): Promise<number> {
  throw new Error('the terminal UI is not built yet; use `ttx run`');
}
