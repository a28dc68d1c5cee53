import { KeyedLimiter } from '../../lambdas/core/limiter';

describe('KeyedLimiter', () => {
  it('never exceeds the overall or per-key limit', async () => {
    const limiter = new KeyedLimiter(3, 1);
    let active = 0;
    let peak = 0;
    const perKey = new Map<string, number>();
    let peakPerKey = 0;
    const task = (key: string) =>
      limiter.run(key, async () => {
        active++;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        peak = Math.max(peak, active);
        peakPerKey = Math.max(peakPerKey, perKey.get(key)!);
        await new Promise((r) => setTimeout(r, 5));
        perKey.set(key, perKey.get(key)! - 1);
        active--;
        return key;
      });
    const keys = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'd', 'e'];
    const out = await Promise.all(keys.map(task));
    expect(out).toEqual(keys);
    expect(peak).toBe(3);
    expect(peakPerKey).toBe(1);
  });

  it('propagates task errors and keeps running', async () => {
    const limiter = new KeyedLimiter(1, 1);
    await expect(limiter.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(limiter.run('k', async () => 42)).resolves.toBe(42);
  });
});
