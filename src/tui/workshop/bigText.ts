/** A 5-row block font for the projector clock: readable from the back of the room. */
const GLYPHS: Record<string, string[]> = {
  '0': ['███', '█ █', '█ █', '█ █', '███'],
  '1': [' ██', '  █', '  █', '  █', '  █'],
  '2': ['███', '  █', '███', '█  ', '███'],
  '3': ['███', '  █', '███', '  █', '███'],
  '4': ['█ █', '█ █', '███', '  █', '  █'],
  '5': ['███', '█  ', '███', '  █', '███'],
  '6': ['███', '█  ', '███', '█ █', '███'],
  '7': ['███', '  █', '  █', '  █', '  █'],
  '8': ['███', '█ █', '███', '█ █', '███'],
  '9': ['███', '█ █', '███', '  █', '███'],
  ':': ['   ', ' █ ', '   ', ' █ ', '   '],
  '+': ['   ', ' █ ', '███', ' █ ', '   '],
  T: ['███', ' █ ', ' █ ', ' █ ', ' █ '],
  ' ': ['   ', '   ', '   ', '   ', '   '],
};

/** Renders digits, `T`, `+` and `:` as five lines of block characters (others become blanks). */
export function bigText(text: string): string[] {
  const rows = ['', '', '', '', ''];
  for (const char of text) {
    const glyph = GLYPHS[char] ?? GLYPHS[' ']!;
    glyph.forEach((line, i) => (rows[i] += `${line} `));
  }
  return rows.map((r) => r.trimEnd());
}
