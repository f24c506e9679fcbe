import autocannon from 'autocannon';
import { paced, type LoadFigures } from './paced.js';
import { scenarios } from './scenarios.js';

/*
 * Runs in its own process (forked by index.ts), so generating requests and parsing answers never competes with
 * the server for its event loop. Receives one job, answers with the figures, exits.
 */
export interface LoadJob {
  url: string;
  scenario: string;
  connections: number;
  seconds: number;
  officials: number;
  /** Items per page asked for. */
  limit: number;
  /**
   * Requests per second offered across all clients, arriving on a schedule of their own (see paced.ts); undefined
   * sends each client's next request as soon as its answer comes (autocannon).
   */
  rate?: number;
  /** How offered requests are spaced: evenly, or at random (Poisson) at the same mean rate. */
  arrivals: 'even' | 'poisson';
}

export interface LoadResult extends LoadFigures {
  /** CPU time this process used while generating the load, ms. */
  cpuMs: number;
}

process.once('message', (job: LoadJob) => {
  const scenario = scenarios.find(({ name }) => name === job.scenario);
  if (scenario === undefined) throw new Error(`No scenario named ${job.scenario}`);
  let sequence = 0;
  const path = (n: number) => scenario.path(n, job);
  const cpuBefore = process.cpuUsage();
  const measured: Promise<LoadFigures> =
    job.rate === undefined
      ? autocannon({
          url: job.url,
          connections: job.connections,
          duration: job.seconds,
          requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path(sequence++) }) }],
        }).then((result) => ({
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          requestsPerSecond: result.requests.average,
          requests: result.requests.total,
          errors: result.errors,
          non2xx: result.non2xx,
          timeouts: result.timeouts,
        }))
      : paced({ url: job.url, connections: job.connections, seconds: job.seconds, rate: job.rate, arrivals: job.arrivals, path });
  void measured.then((result) => {
    const cpu = process.cpuUsage(cpuBefore);
    const answer: LoadResult = { ...result, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send!(answer, () => process.exit(0));
  });
});
