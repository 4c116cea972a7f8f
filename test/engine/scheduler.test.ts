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
});
