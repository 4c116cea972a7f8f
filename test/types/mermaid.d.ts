// The slice of mermaid the optional check uses (mermaid is installed only by npm run check:mermaid).
declare module 'mermaid' {
  const mermaid: { parse(text: string): Promise<unknown> };
  export default mermaid;
}
