import { HttpConnection, type Outcome } from './http-connection.js';

/*
 * An open-loop load at a fixed offered rate, as a public register meets it: requests arrive on a schedule of their
 * own, whether or not earlier ones have been answered. Request i is due at start + i / rate (evenly spaced) or at
 * the sum of exponential gaps (`poisson`: random arrivals at the same mean rate); it goes out on whichever of the
 * `connections` keep-alive connections is free, or waits for one. Its latency is counted from when it was due, not
 * from when it went out, so a server that falls behind is charged for the wait of every request queued behind it
 * (the correction for coordinated omission).
 *
 * autocannon's own rate option is not used for this: it lets each connection send its share of a second's requests
 * back to back at the start of every second, so all clients burst together and then idle, and it records each
 * answer as if requests had been due every millisecond.
 */
export interface PacedJob {
  url: string;
  connections: number;
  seconds: number;
  rate: number;
  arrivals: 'even' | 'poisson';
  /** The n-th request's path. */
  path(n: number): string;
}

/** What one measured load yields, whichever generator ran it. */
export interface LoadFigures {
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

const TIMEOUT_MS = 10_000;

/** A small deterministic generator, so two runs offer the same arrival pattern. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function paced(job: PacedJob): Promise<LoadFigures> {
  const { hostname, port } = new URL(job.url);
  const pool = Array.from({ length: job.connections }, () => new HttpConnection(hostname, Number(port), TIMEOUT_MS));
  const idle = [...pool];
  // Requests waiting for a free connection, oldest first (`waited` of them already gone out).
  const queue: Array<{ n: number; dueAt: number }> = [];
  let waited = 0;
  const gap = 1000 / job.rate;
  const next = random(20_261_122);
  const latencies: number[] = [];
  const tally = { errors: 0, non2xx: 0, timeouts: 0 };
  const start = performance.now();
  const end = start + job.seconds * 1000;
  let due = start;
  let sent = 0;
  let settled = 0;
  let lastAnswer = start;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const settle = (dueAt: number, outcome: Outcome) => {
    const now = performance.now();
    lastAnswer = now;
    if ('error' in outcome) tally[outcome.error === 'timeout' ? 'timeouts' : 'errors']++;
    else if (outcome.status >= 200 && outcome.status < 300) latencies.push(now - dueAt);
    else tally.non2xx++;
    settled++;
    if (due >= end && settled === sent) finish();
  };
  // A request goes out on a free connection, or waits in line for the first to come free.
  const dispatch = (connection: HttpConnection, n: number, dueAt: number) =>
    connection.get(job.path(n), (outcome) => {
      settle(dueAt, outcome);
      const waiting = waited < queue.length ? queue[waited++] : undefined;
      if (waiting) dispatch(connection, waiting.n, waiting.dueAt);
      else idle.push(connection);
    });
  const send = (n: number, dueAt: number) => {
    const connection = idle.pop();
    if (connection) dispatch(connection, n, dueAt);
    else queue.push({ n, dueAt });
  };

  // Every tick sends whatever has fallen due, then sleeps until the next request is due: on a shared machine each
  // wake-up of this process takes the CPU from the server it measures. The timer's lateness only delays a request's
  // departure, which its latency (counted from when it was due) includes.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (due <= now && due < end) {
        send(sent++, due);
        due += job.arrivals === 'poisson' ? -Math.log(1 - next()) * gap : gap;
      }
      if (due < end) setTimeout(tick, Math.max(0, due - performance.now()));
      else resolve();
    };
    tick();
  });
  if (settled < sent) await finished;
  for (const connection of pool) connection.close();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? 0),
    requestsPerSecond: latencies.length / ((lastAnswer - start) / 1000),
    requests: sent,
    ...tally,
  };
}
