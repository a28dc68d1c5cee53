/**
 * Concurrency limits: an overall limit and a per-key (per-host) limit, so one slow site never
 * takes every slot and no site gets more than a few requests at once.
 */
export class KeyedLimiter {
  private active = 0;
  private readonly perKey = new Map<string, number>();
  private readonly waiting: { key: string; start: () => void }[] = [];

  constructor(
    private readonly overall: number,
    private readonly perKeyLimit: number,
  ) {
    if (overall < 1 || perKeyLimit < 1) throw new RangeError('limits must be at least 1');
  }

  /** Runs `task` when a slot for `key` is free. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
        task()
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            const n = (this.perKey.get(key) ?? 1) - 1;
            if (n === 0) this.perKey.delete(key);
            else this.perKey.set(key, n);
            this.next();
          });
      };
      this.waiting.push({ key, start });
      this.next();
    });
  }

  private next(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.overall;) {
      const w = this.waiting[i]!;
      if ((this.perKey.get(w.key) ?? 0) < this.perKeyLimit) {
        this.waiting.splice(i, 1);
        w.start();
      } else {
        i++;
      }
    }
  }
}
