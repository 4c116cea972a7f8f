import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { KEY, runInPty } from './pty.js';

describe('the picker’s first frame', () => {
  it('does not load the network stack (yoga-layout’s WebAssembly is decoded, not fetched)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ttx-pty-')), 'modules.txt');
    const t = runInPty(
      process.execPath,
      ['--import', join(ROOT, 'test/pty/fixtures/firstFrameModules.mjs'), 'bin/ttx.js'],
      { env: { TTX_TEST_MODULES_OUT: out } },
    );
    await t.waitFor('Choose a scenario');
    await t.whenRaw();
    t.pty.write(KEY.ctrlC);
    await t.exited;
    const loaded = readFileSync(out, 'utf8').split('\n');
    // The record itself is real: the terminal and the file system are in it.
    expect(loaded).toContain('NativeModule tty');
    expect(loaded.filter((m) => /undici|fetch/i.test(m))).toEqual([]);
  });
});
