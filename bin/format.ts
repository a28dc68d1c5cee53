/** Plain-text rendering for the CLI: tables and a progress bar (TTY only). */

/** Columns are cut at 60 characters, except those in `uncut` (e.g. a last column of links). */
export function table(rows: (string | number)[][], header: string[], uncut: number[] = []): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) =>
    Math.min(
      uncut.includes(i) ? Infinity : 60,
      Math.max(...all.map((r) => String(r[i] ?? '').length)),
    ),
  );
  const fmt = (r: (string | number)[]) =>
    r
      .map((c, i) => {
        const s = String(c ?? '');
        const w = widths[i]!;
        return (s.length > w ? `${s.slice(0, w - 1)}…` : s).padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export class Progress {
  private total = 0;
  private done = 0;
  private readonly enabled: boolean;
  constructor(
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = !!stream.isTTY;
    this.stream = stream;
  }
  private readonly stream: NodeJS.WriteStream;
  setTotal(n: number): void {
    this.total = n;
    this.render();
  }
  tick(): void {
    this.done++;
    this.render();
  }
  finish(): void {
    if (this.enabled && this.total > 0) this.stream.write('\n');
  }
  private render(): void {
    if (!this.enabled || this.total === 0) return;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}`,
    );
  }
}
