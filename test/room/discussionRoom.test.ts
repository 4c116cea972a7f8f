import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRoom, roomHeader, roomPaths } from '../../src/room/index.js';
import { cli } from '../helpers.js';

const NOW = new Date('2026-12-01T10:00:00Z');

describe('a discussion-only room', () => {
  it('keeps the choice in its header, and an open room keeps its header', () => {
    const paths = roomPaths(join(mkdtempSync(join(tmpdir(), 'ttx-room-')), 'board'));
    openRoom(paths, 'fe-bash-rce-0007', NOW, { discussionOnly: true });
    expect(roomHeader(paths)).toEqual({ code: 'fe-bash-rce-0007', discussionOnly: true });
    openRoom(paths, 'fe-bash-rce-0007', NOW); // reopened without the flag: still discussion-only
    expect(roomHeader(paths)?.discussionOnly).toBe(true);

    const technical = roomPaths(join(mkdtempSync(join(tmpdir(), 'ttx-room-')), 'soc'));
    openRoom(technical, 'fe-bash-rce-0007', NOW);
    expect(roomHeader(technical)).toEqual({ code: 'fe-bash-rce-0007', discussionOnly: false });
  });

  it('ttx room --discussion refuses a room opened for technical play', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ttx-room-')), 'soc');
    openRoom(roomPaths(dir), 'fe-bash-rce-0007', NOW);
    const run = await cli(['room', dir, '--discussion']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('was opened for technical play');
  });
});
