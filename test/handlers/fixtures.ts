/** Shared pieces of the handler tests: a Lambda context, a metrics recorder, a news page. */
import type { Context } from 'aws-lambda';
import type { MetricsSink } from '../../lambdas/adapters/aws-env';

export const lambdaContext = (name = 'test-fn'): Context =>
  ({
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: '2026/11/20/[$LATEST]abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

/** Records counters instead of printing EMF. */
export class MetricsRecorder implements MetricsSink {
  readonly counts = new Map<string, number>();
  flushes = 0;
  count(name: string, value: number): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }
  flush(): void {
    this.flushes++;
  }
}

export const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><nav>Home | World</nav><article><h1>${title}</h1>${body
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article><footer>© Example</footer></body></html>`;

export const ATTRIBUTION_PAGE = page(
  'Officials blame Russian hackers for ministry breach',
  "Government officials said on Tuesday that hackers working for Russia's GRU military intelligence agency breached the foreign ministry's email servers last month, stealing diplomatic cables.\n\nThe officials said they had assessed with high confidence that the group known as APT28 carried out the intrusion, citing forensic evidence gathered by investigators.\n\nThe Kremlin denied any involvement and called the accusation baseless.\n\nThe ministry said its systems had been restored and that it was working with partners to understand the scope of the theft.",
);

export function rss(items: { title: string; link: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title><link>http://example/</link>${items
    .map((i) => `<item><title>${i.title}</title><link>${i.link}</link></item>`)
    .join('')}</channel></rss>`;
}

/** Credentials for SDK clients whose calls aws-sdk-client-mock intercepts. */
export const fakeAws = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
