// What the three platforms' clients share: retrying what the platform asks to be retried (a rate
// limit, a server error) with growing waits, a fresh token when the platform says the one used
// expired, and a pause between requests that keeps within its rate limit. Plain fetch: 钉钉 and
// 企业微信 publish no Node SDK for these calls (飞书's SDK is used for 飞书, feishu.ts).

/** Said by a client when a call should be made again after a wait (rate limit, 5xx). */
export class Retry extends Error {
  /** The wait the platform asked for, in ms (Retry-After), if it did. */
  readonly after?: number;
  constructor(message: string, after?: number) {
    super(message);
    if (after !== undefined) this.after = after;
  }
}

/** Said by a client when the access token was refused as expired or invalid: get a new one, once. */
export class TokenExpired extends Error {}

/** A call the platform answered with an error that waiting will not mend (bad credentials, no permission). */
export class PlatformError extends Error {}

export interface Pacing {
  /** Attempts per call in all (default 5). */
  attempts?: number;
  /** First wait after a retryable answer, doubled each time (default 1 s). */
  backoffMs?: number;
  /** Least time between two requests (keeps within the platform's rate limit). */
  intervalMs?: number;
  /** For tests: waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs calls one at a time at the pacing's rate, retrying as the platform says. */
export class Caller {
  #last = 0;
  readonly #pacing: Required<Omit<Pacing, 'sleep'>> & { sleep: (ms: number) => Promise<void> };

  /** Gets a new token when one expired (the client's). */
  readonly #renew: () => Promise<void>;

  constructor(pacing: Pacing, renew: () => Promise<void>) {
    this.#renew = renew;
    this.#pacing = {
      attempts: pacing.attempts ?? 5,
      backoffMs: pacing.backoffMs ?? 1000,
      intervalMs: pacing.intervalMs ?? 0,
      sleep: pacing.sleep ?? pause,
    };
  }

  async call<T>(request: () => Promise<T>): Promise<T> {
    const { attempts, backoffMs, intervalMs, sleep } = this.#pacing;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const wait = this.#last + intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      this.#last = Date.now();
      try {
        return await request();
      } catch (error) {
        if (error instanceof TokenExpired && !renewed) {
          renewed = true;
          await this.#renew();
          attempt--;
          continue;
        }
        if (!(error instanceof Retry) || attempt >= attempts) throw error;
        await sleep(error.after ?? backoffMs * 2 ** (attempt - 1));
      }
    }
  }
}

/** A JSON request; a 429 or 5xx answer is a Retry (with its Retry-After), any other non-2xx an error. */
export async function requestJson(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...init.headers },
    });
  } catch (error) {
    throw new Retry(`无法连接 ${new URL(url).origin}（${(error as Error).message}）`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    if (response.ok) throw new PlatformError(`${new URL(url).pathname} 返回的不是 JSON`);
  }
  if (response.status === 429 || response.status >= 500) {
    const after = Number(response.headers.get('retry-after'));
    throw new Retry(
      `${new URL(url).pathname} 返回 ${response.status}`,
      Number.isFinite(after) && after > 0 ? after * 1000 : undefined,
    );
  }
  if (response.status === 401) throw new TokenExpired(`${new URL(url).pathname} 返回 401`);
  if (!response.ok) throw new PlatformError(`${new URL(url).pathname} 返回 ${response.status}：${text.slice(0, 200)}`);
  return body;
}
