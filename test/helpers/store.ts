/** A real dynalite server (in memory) reached through the real AWS SDK client. */
import { openLocalStore, type LocalStore } from '../../lambdas/adapters/local-dynamo';

export async function memoryStore(): Promise<LocalStore> {
  return openLocalStore({ inMemory: true });
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private t: number = Date.parse('2026-11-20T12:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}
