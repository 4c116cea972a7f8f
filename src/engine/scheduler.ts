import type { SimMs } from '../model/index.js';

export interface Scheduled<E> {
  due: SimMs;
  /** Tie-breaker: events due at the same time fire in the order they were scheduled. */
  order: number;
  id: string;
  event: E;
}

/**
 * The drill's timer queue: a binary min-heap on (due, order) with cancellation by id.
 * The engine advances timer by timer in due order, so chains of delays never collapse
 * (the trap of XState's SimulatedClock.increment).
 */
export class Scheduler<E> {
  private heap: Scheduled<E>[] = [];
  private live = new Map<string, number>();
  private counter = 0;

  get size(): number {
    return this.live.size;
  }

  /** Schedules `event` at `due`; an existing timer with the same id is replaced. */
  schedule(due: SimMs, id: string, event: E): void {
    const order = ++this.counter;
    this.live.set(id, order);
    this.push({ due, order, id, event });
  }

  cancel(id: string): void {
    this.live.delete(id);
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  /** The next live timer, without removing it. */
  peek(): Scheduled<E> | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the next live timer. */
  pop(): Scheduled<E> | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeTop();
    this.live.delete(top.id);
    return top;
  }

  /** Live timers in due order (for views such as "upcoming injects"). */
  pending(): Scheduled<E>[] {
    return this.heap
      .filter((item) => this.live.get(item.id) === item.order)
      .sort((a, b) => a.due - b.due || a.order - b.order);
  }

  private dropCancelled(): void {
    while (this.heap.length && this.live.get(this.heap[0]!.id) !== this.heap[0]!.order) {
      this.removeTop();
    }
  }

  private before(a: Scheduled<E>, b: Scheduled<E>): boolean {
    // Stryker disable next-line EqualityOperator: `order` is unique per timer, so two distinct timers never tie on it
    return a.due < b.due || (a.due === b.due && a.order < b.order);
  }

  private push(item: Scheduled<E>): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
