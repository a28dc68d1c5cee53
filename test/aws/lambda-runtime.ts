/**
 * The child side of a Lambda sandbox (test/aws/lambda.ts): one warm Node.js process with the
 * function's environment, importing the handler module once and invoking it for each event the
 * parent sends over IPC, as the Lambda runtime does. `node --import tsx lambda-runtime.ts
 * <module> [export]`. Memory probes answer process.memoryUsage(), after a full collection when
 * asked and the process runs with `--expose-gc`.
 */
import type { Context } from 'aws-lambda';

type Message =
  | { op: 'invoke'; id: number; event: unknown; requestId: string; deadline: number }
  | { op: 'memory'; id: number; gc?: boolean };

const [modulePath, exportName = 'handler'] = process.argv.slice(2);
if (!modulePath) throw new Error('usage: lambda-runtime.ts <handler module> [export]');

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const loaded: Promise<Handler> = import(modulePath).then((m: Record<string, unknown>) => {
  const h = (m[exportName] ?? (m.default as Record<string, unknown> | undefined)?.[exportName]) as
    Handler | undefined;
  if (typeof h !== 'function') throw new Error(`${modulePath} exports no ${exportName}`);
  return h;
});

function context(requestId: string, deadline: number): Context {
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `2026/01/01/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

const reply = (m: unknown) => process.send!(m);

process.on('message', (m: Message) => {
  if (m.op === 'memory') {
    if (m.gc) (globalThis as { gc?: () => void }).gc?.();
    reply({ id: m.id, ok: true, result: process.memoryUsage() });
    return;
  }
  loaded
    .then((h) => h(m.event, context(m.requestId, m.deadline)))
    .then(
      (result) => reply({ id: m.id, ok: true, result: result ?? null }),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        // What the runtime writes to the function's log for an unhandled error.
        console.error(
          JSON.stringify({ errorType: err.name, errorMessage: err.message, stack: err.stack }),
        );
        reply({ id: m.id, ok: false, error: { name: err.name, message: err.message } });
      },
    );
});
loaded.then(
  () => reply({ ready: true }),
  (e: unknown) => {
    console.error(String(e));
    process.exit(1);
  },
);
