/**
 * Generous resource bounds for hostile-input suites: elapsed time and peak RSS growth sampled
 * while a step runs. Figures are appended to a JSON file (docs/security.md quotes them); the
 * tests assert only wide bounds, never tight timings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measured<T> {
  value: T;
  elapsedMs: number;
  peakRssDeltaMb: number;
}

/** Runs `fn`, sampling RSS every 20 ms; reports elapsed time and the peak RSS above the start. */
export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      elapsedMs: Math.round(performance.now() - t0),
      peakRssDeltaMb: Math.round((peak - start) / 1e6),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Where suites record their figures (one JSON object per line). */
export const FIGURES_FILE =
  process.env.AW_SECURITY_FIGURES ?? path.join(os.tmpdir(), 'attribution-watch-security.jsonl');

export function recordFigure(suite: string, figures: Record<string, unknown>): void {
  fs.appendFileSync(
    FIGURES_FILE,
    `${JSON.stringify({ suite, at: new Date().toISOString(), ...figures })}\n`,
  );
}
