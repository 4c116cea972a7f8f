import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/engine/index.js';

describe('Scheduler', () => {
  it('pops timers in due order, ties in scheduling order', () => {
    const s = new Scheduler<string>();
    s.schedule(30, 'c', 'c');
    s.schedule(10, 'a', 'a');
    s.schedule(10, 'b', 'b');
    s.schedule(20, 'd', 'd');
    expect([s.pop(), s.pop(), s.pop(), s.pop()].map((x) => x?.event)).toEqual(['a', 'b', 'd', 'c']);
    expect(s.pop()).toBeUndefined();
  });

  it('cancels by id and replaces a timer rescheduled under the same id', () => {
    const s = new Scheduler<string>();
    s.schedule(10, 'x', 'first');
    s.schedule(5, 'y', 'y');
    s.cancel('y');
    s.schedule(50, 'x', 'second');
    expect(s.size).toBe(1);
    expect(s.pop()).toMatchObject({ due: 50, event: 'second' });
    expect(s.pop()).toBeUndefined();
  });

  it('keeps order over many random timers', () => {
    const s = new Scheduler<number>();
    const dues = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    dues.forEach((due, i) => s.schedule(due, `t${i}`, due));
    const popped: number[] = [];
    for (let item = s.pop(); item; item = s.pop()) popped.push(item.due);
    expect(popped).toEqual([...dues].sort((a, b) => a - b));
  });
  it('fires many timers due at the same time in the order they were scheduled', () => {
    const s = new Scheduler<number>();
    for (let i = 0; i < 12; i++) s.schedule(100, `t${i}`, i);
    const popped: number[] = [];
    for (let item = s.pop(); item; item = s.pop()) popped.push(item.event);
    expect(popped).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('lists the live timers in due order, ties in scheduling order, without cancelled ones', () => {
    const s = new Scheduler<string>();
    s.schedule(40, 'late', 'late');
    s.schedule(10, 'x', 'replaced');
    s.schedule(20, 'gone', 'gone');
    s.schedule(30, 'tie-1', 'tie-1');
    s.schedule(30, 'tie-2', 'tie-2');
    s.schedule(30, 'tie-3', 'tie-3');
    s.schedule(5, 'first', 'first');
    s.schedule(35, 'x', 'x');
    s.cancel('gone');
    expect(s.has('gone')).toBe(false);
    expect(s.has('x')).toBe(true);
    expect(s.pending().map((p) => [p.due, p.event])).toEqual([
      [5, 'first'],
      [30, 'tie-1'],
      [30, 'tie-2'],
      [30, 'tie-3'],
      [35, 'x'],
      [40, 'late'],
    ]);
    // Listing removes nothing.
    expect(s.size).toBe(6);
    // An earlier timer sifted up past three ties leaves them out of order in the heap's array.
    const ties = new Scheduler<string>();
    for (const id of ['tie-1', 'tie-2', 'tie-3']) ties.schedule(30, id, id);
    ties.schedule(5, 'first', 'first');
    expect(ties.pending().map((p) => p.event)).toEqual(['first', 'tie-1', 'tie-2', 'tie-3']);
  });
});
