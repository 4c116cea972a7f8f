import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/session/index.js';
import { ROOT } from '../helpers.js';
import { privateBin } from '../workshop/privateBin.js';

let BIN = '';
const GOOD = join(ROOT, 'scenarios/scripts/fe-bash-rce-good.yaml');
const PACE = '5';

const linesOf = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;

/**
 * Runs ttx; with `kill`, sends SIGKILL at a random moment of the drill: once the journal has
 * grown by `afterLines` lines, plus `extraMs` (so kills land between and during writes).
 */
function ttx(
  args: string[],
  kill?: { journal: string; afterLines: number; extraMs: number },
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const start = kill ? linesOf(kill.journal) : 0;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = kill
      ? setInterval(() => {
          if (timer || linesOf(kill.journal) - start < kill.afterLines) return;
          timer = setTimeout(() => (killed = child.kill('SIGKILL')), kill.extraMs);
        }, 1)
      : undefined;
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      done({ killed: killed && signal === 'SIGKILL', code });
    });
  });
}

const resultsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const { savedAt: _savedAt, ...rest } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return rest;
    });

const runArgs = (journal: string, results: string) => [
  'run',
  'fe-bash-rce',
  '--seed',
  '7',
  '--actions',
  GOOD,
  '--team',
  'Blue',
  '--journal',
  journal,
  '--pace',
  PACE,
  '--results-dir',
  results,
];

beforeAll(() => {
  BIN = privateBin();
});

// The soak (npm run test:soak): real processes killed at real moments. npm test checks the same
// property in process by cutting the journal at every byte a crash can leave (test/session/crashCuts).
describe('crash-safe sessions (SIGKILL at random moments)', () => {
  it('ttx resume always continues with zero actions lost and the uninterrupted result', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ttx-kill-'));
    // The reference: the same drill, never interrupted.
    const refDir = join(base, 'ref');
    expect((await ttx(runArgs(join(base, 'ref.jsonl'), refDir))).code).toBe(0);
    const [reference] = resultsIn(refDir);
    // Every action of the script, however many the shipped script has.
    const scripted = (parse(readFileSync(GOOD, 'utf8')) as { actions: unknown[] }).actions;
    expect(scripted.length).toBeGreaterThan(10);
    expect(reference.actions).toHaveLength(scripted.length);

    const rng = seedrandom('kill-test');
    let kills = 0;
    let midDrill = 0;
    const chain = async (n: number) => {
      const dir = join(base, `chain-${n}`);
      const journal = join(dir, 'session.jsonl');
      const results = join(dir, 'results');
      let started = false;
      // Kill each process at a random moment until one finishes; at most 12 tries per chain.
      for (let attempt = 0; attempt < 12; attempt++) {
        const kill =
          attempt < 8
            ? { journal, afterLines: Math.floor(rng() * 5), extraMs: Math.floor(rng() * 12) }
            : undefined;
        let outcome;
        if (!started) {
          // A kill before the header reached the disk leaves no drill: start it again.
          if (existsSync(journal) && statSync(journal).size === 0) rmSync(journal);
          outcome = await ttx(runArgs(journal, results), kill);
          started = existsSync(journal) && statSync(journal).size > 0;
        } else {
          const before = readJournal(journal);
          outcome = await ttx(
            [
              'resume',
              journal,
              '--headless',
              '--actions',
              GOOD,
              '--pace',
              PACE,
              '--results-dir',
              results,
            ],
            kill,
          );
          // Nothing the journal held before is ever lost or changed.
          const after = readJournal(journal);
          expect(after.actions.slice(0, before.actions.length)).toEqual(before.actions);
        }
        if (outcome.killed) {
          kills += 1;
          if (started && !readJournal(journal).ended) midDrill += 1;
        } else expect(outcome.code).toBe(0);
        if (started && readJournal(journal).ended) break;
      }
      const final = readJournal(journal);
      expect(final.ended).toBe(true);
      expect(final.resultsFile).toBeDefined();
      const [result] = resultsIn(results).slice(-1);
      // The journal holds every action exactly once, and the result is the uninterrupted one.
      expect(final.actions).toEqual(reference.actions);
      expect(result).toEqual(reference);
    };
    // Chains three at a time (much of a run is spent waiting for fsync) until 60 kills have
    // landed; how many runs finish before their kill depends on the machine's load.
    let next = 0;
    const worker = async () => {
      while (kills < 60 && next < 30) await chain(next++);
    };
    await Promise.all([worker(), worker(), worker()]);
    console.log(`kills: ${kills}, of which mid-drill: ${midDrill}`);
    expect(kills).toBeGreaterThanOrEqual(50);
    // Most kills must land inside the drill, with some actions journaled and some not yet.
    expect(midDrill).toBeGreaterThanOrEqual(40);
  });
});
