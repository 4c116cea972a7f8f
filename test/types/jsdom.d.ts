// The slice of jsdom the Mermaid parser test uses (jsdom ships no type declarations).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: { document: unknown } & Record<string, unknown>;
  }
}
