import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { paced } from '../../bench/registers/paced.js';

/** A real HTTP server that notes when each request arrives and answers after `delayMs`; `/fail` answers 500, `/drop` hangs up. */
async function serve(delayMs: number): Promise<{ url: string; arrivals: number[]; server: Server }> {
  const arrivals: number[] = [];
  const server = createServer((request, response) => {
    arrivals.push(performance.now());
    if (request.url === '/drop') return void request.socket.destroy();
    setTimeout(() => {
      response.statusCode = request.url === '/fail' ? 500 : 200;
      response.end('{}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals, server };
}

describe('bench: the paced load generator', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('when a rate is offered, then requests arrive spread over the second, not in a burst at its start', async () => {
    const { url, arrivals, server } = await serve(0);
    servers.push(server);
    const result = await paced({ url, connections: 10, seconds: 1, rate: 200, arrivals: 'even', path: () => '/' });
    expect(result.requests).to.equal(200);
    expect(result.errors + result.non2xx + result.timeouts).to.equal(0);
    expect(result.requestsPerSecond).to.be.within(170, 230);
    // Evenly spaced at 5 ms: no 100 ms window holds much more than its 20.
    const crowded = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 100).length));
    expect(crowded).to.be.at.most(30);
  });

  it('when the server falls behind, then latency counts from when each request fell due, queueing included', async () => {
    const { url, server } = await serve(40);
    servers.push(server);
    // One connection answering every 40 ms cannot serve 100 requests/s: request i waits for the i before it.
    const result = await paced({ url, connections: 1, seconds: 0.5, rate: 100, arrivals: 'even', path: () => '/' });
    expect(result.requests).to.equal(50);
    expect(result.p50).to.be.above(500);
    expect(result.p99).to.be.above(1200);
    expect(result.requestsPerSecond).to.be.below(30);
  });

  it('when answers are not 2xx, then they are counted apart', async () => {
    const { url, server } = await serve(0);
    servers.push(server);
    const result = await paced({ url, connections: 5, seconds: 0.5, rate: 100, arrivals: 'even', path: (n) => (n % 2 ? '/fail' : '/') });
    expect(result.requests).to.equal(50);
    expect(result.non2xx).to.equal(25);
  });

  it('when the server hangs up, then the request counts as an error and the next ones go out on a new connection', async () => {
    const { url, server } = await serve(0);
    servers.push(server);
    const result = await paced({ url, connections: 2, seconds: 0.5, rate: 100, arrivals: 'even', path: (n) => (n % 5 === 0 ? '/drop' : '/') });
    expect(result.requests).to.equal(50);
    expect(result.errors).to.equal(10);
    expect(result.requestsPerSecond).to.be.within(60, 100);
  });

  it('when answers are chunked or large, then each is read whole before the next goes out', async () => {
    const big = 'x'.repeat(300_000);
    const server = createServer((request, response) => {
      if (request.url === '/chunked') {
        response.write(big);
        setTimeout(() => response.end('y'), 5);
      } else response.end(big);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await paced({ url, connections: 1, seconds: 0.5, rate: 40, arrivals: 'even', path: (n) => (n % 2 ? '/chunked' : '/') });
    expect(result.requests).to.equal(20);
    expect(result.errors + result.non2xx + result.timeouts).to.equal(0);
  });

  it('when the load is over, then it leaves no connection behind and opens none', async () => {
    const { url, server } = await serve(0);
    servers.push(server);
    await paced({ url, connections: 5, seconds: 0.3, rate: 50, arrivals: 'even', path: () => '/' });
    let opened = 0;
    server.on('connection', () => opened++);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const open = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect({ open, opened }).to.deep.equal({ open: 0, opened: 0 });
  });

  it('when arrivals are poisson, then they keep the offered mean rate', async () => {
    const { url, server } = await serve(0);
    servers.push(server);
    const result = await paced({ url, connections: 10, seconds: 2, rate: 200, arrivals: 'poisson', path: () => '/' });
    expect(result.requests).to.be.within(340, 460);
    expect(result.requests).to.not.equal(400);
  });
});
