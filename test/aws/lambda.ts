/**
 * Lambda execution environments for test/aws. Each function runs with exactly the environment
 * the synthesized template gives it, plus what the Lambda service itself sets (region,
 * credentials, function name and memory) and the endpoint configuration that points the SDK at
 * the local servers (`AWS_ENDPOINT_URL_<SERVICE>`, the SDK's documented variables; anything else
 * goes to a closed port, never to AWS).
 *
 * - {@link SandboxedFunction}: the handler in its own warm Node.js process, as Lambda runs it;
 *   the process can be killed mid-invocation (a crash), the function's timeout is enforced, and
 *   the next invocation after a crash is a cold start in a new process. Its stdout is the log.
 * - {@link InProcessFunction}: the handler module in the test process (needed where the SDK
 *   boundary is mocked, as for SQS), with its environment swapped in for each invocation and its
 *   log lines captured from stdout.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { REGION, type FunctionSpec } from './template';
import { TEST_CREDENTIALS } from './servers';

export interface Endpoints {
  dynamodb: string;
  sesv2: string;
  secretsManager: string;
}

/** A port nothing listens on: a client whose endpoint was not configured fails fast, locally. */
const NOWHERE = 'http://127.0.0.1:9';

/** What Lambda sets for a function, plus the SDK endpoint configuration. */
export function lambdaEnvironment(
  spec: FunctionSpec,
  endpoints: Endpoints,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: `TestStack-${spec.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    TZ: ':UTC',
    // No profile or config file of the machine may leak in.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_ENDPOINT_URL: NOWHERE,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: endpoints.sesv2,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_SQS: NOWHERE,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...spec.environment,
    ...extra,
  };
}

export interface LambdaFunction {
  readonly spec: FunctionSpec;
  /** Log lines (stdout and stderr): Powertools JSON logs and EMF metrics. */
  readonly logs: string[];
  invoke(event: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** EMF metrics written to a function's log: metric name → summed values. */
export function emfMetrics(logs: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of logs) {
    if (!line.startsWith('{') || !line.includes('"_aws"')) continue;
    const o = JSON.parse(line) as {
      _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
    } & Record<string, unknown>;
    for (const d of o._aws.CloudWatchMetrics)
      for (const m of d.Metrics) {
        const v = o[m.Name];
        const sum = Array.isArray(v) ? (v as number[]).reduce((a, b) => a + b, 0) : Number(v);
        out.set(m.Name, (out.get(m.Name) ?? 0) + sum);
      }
  }
  return out;
}

/** JSON log lines at a level (Powertools writes `level`). */
export function logEntries(logs: string[], level?: string): Record<string, unknown>[] {
  return logs
    .filter((l) => l.startsWith('{') && !l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => !level || e.level === level);
}

const RUNTIME = path.join(__dirname, 'lambda-runtime.ts');
const ROOT = path.resolve(__dirname, '..', '..');

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class RuntimeExitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.ExitError';
  }
}

export class SandboxedFunction implements LambdaFunction {
  readonly logs: string[] = [];
  coldStarts = 0;
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    readonly spec: FunctionSpec,
    private readonly modulePath: string,
    private readonly env: Record<string, string>,
    private readonly opts: { exposeGc?: boolean } = {},
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): Promise<void> {
    this.coldStarts++;
    const child = fork(RUNTIME, [this.modulePath], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      execArgv: ['--import', 'tsx', ...(this.opts.exposeGc ? ['--expose-gc'] : [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = '';
      stream.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        const lines = buf.split('\n');
        buf = lines.pop()!;
        this.logs.push(...lines.filter(Boolean));
      });
    }
    this.ready = new Promise<void>((resolve, reject) => {
      child.on(
        'message',
        (m: {
          ready?: boolean;
          id?: number;
          ok?: boolean;
          result?: unknown;
          error?: { name: string; message: string };
        }) => {
          if (m.ready) return resolve();
          const p = this.pending.get(m.id!);
          if (!p) return;
          this.pending.delete(m.id!);
          if (m.ok) p.resolve(m.result);
          else p.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name }));
        },
      );
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        const err = new RuntimeExitError(
          `Runtime exited${signal ? ` with signal ${signal}` : ` with code ${code}`}`,
        );
        reject(err);
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          p.reject(err);
        }
      });
    });
    return this.ready;
  }

  async invoke(event: unknown): Promise<unknown> {
    if (!this.child) await this.start();
    else await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda ends the invocation and resets the environment.
        this.pending.delete(id);
        reject(new Error(`Task timed out after ${this.spec.timeoutSeconds}.00 seconds`));
        child.kill('SIGKILL');
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({
        op: 'invoke',
        id,
        event,
        requestId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
        deadline: Date.now() + timeoutMs,
      });
    });
  }

  /** process.memoryUsage() of the warm process (after a full GC with `gc` and `exposeGc`). */
  async memory(gc = false): Promise<NodeJS.MemoryUsage> {
    if (!this.child) throw new Error('no warm sandbox');
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as NodeJS.MemoryUsage), reject });
      this.child!.send({ op: 'memory', id, gc });
    });
  }

  /** The process dies now (out of memory, a native crash, the host going away). */
  crash(): void {
    this.child?.kill('SIGKILL');
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill('SIGKILL');
    });
  }
}

type Handler = (event: never, context?: never) => Promise<unknown>;

export class InProcessFunction implements LambdaFunction {
  readonly logs: string[] = [];

  constructor(
    readonly spec: FunctionSpec,
    private readonly handler: Handler,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Runs the handler with the function's environment in place of the test process's (mutated in
   * place: handlers keep a reference to `process.env`), capturing what it writes to stdout and
   * stderr. Concurrent invocations of one function share the swap.
   */
  async invoke(event: unknown): Promise<unknown> {
    if (InProcessFunction.active && InProcessFunction.active.fn !== this)
      throw new Error('one in-process function at a time');
    if (!InProcessFunction.active) {
      const saved = { ...process.env };
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, this.env);
      const out = process.stdout.write.bind(process.stdout);
      const err = process.stderr.write.bind(process.stderr);
      const state = { fn: this, count: 0, buf: '', restore: () => {} };
      const capture = ((chunk: string | Uint8Array) => {
        state.buf += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return true;
      }) as typeof process.stdout.write;
      process.stdout.write = capture;
      process.stderr.write = capture;
      state.restore = () => {
        process.stdout.write = out;
        process.stderr.write = err;
        for (const k of Object.keys(process.env)) delete process.env[k];
        Object.assign(process.env, saved);
      };
      InProcessFunction.active = state;
    }
    const state = InProcessFunction.active;
    state.count++;
    try {
      return await this.handler(event as never);
    } finally {
      if (--state.count === 0) {
        state.restore();
        InProcessFunction.active = undefined;
        this.logs.push(...state.buf.split('\n').filter(Boolean));
      }
    }
  }

  private static active?: { fn: InProcessFunction; count: number; buf: string; restore(): void };

  async close(): Promise<void> {}
}
