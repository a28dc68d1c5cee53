/** Why a fetch failed. `transient` failures are worth retrying later; the others are not. */
export type FetchErrorCode =
  | 'refused-address'
  | 'bad-url'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'network'
  | 'decode';

const TRANSIENT: ReadonlySet<FetchErrorCode> = new Set(['timeout', 'network']);

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly transient: boolean;
  constructor(code: FetchErrorCode, message: string) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.transient = TRANSIENT.has(code);
  }
}

/** An HTTP response with a status the caller cannot use. 5xx, 408 and 429 are transient. */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly transient: boolean;
  /** Seconds the server asked us to wait (Retry-After), when given. */
  readonly retryAfterSeconds?: number;
  constructor(status: number, url: string, retryAfterSeconds?: number) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpStatusError';
    this.status = status;
    this.transient = status >= 500 || status === 408 || status === 429;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Parses Retry-After (delta-seconds or an HTTP date) into seconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.round((at - now.getTime()) / 1000));
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
