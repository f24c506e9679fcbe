import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpConnection, type Outcome } from '../../bench/registers/http-connection.js';

describe("bench: the load generator's keep-alive connection", () => {
  let server: Server;
  let port: number;
  let opened: number;
  const connections: HttpConnection[] = [];

  beforeEach(async () => {
    opened = 0;
    server = createServer((_request, response) => response.end('{}'));
    server.on('connection', () => opened++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    connections.splice(0).forEach((connection) => connection.close());
    await new Promise((resolve) => server.close(resolve));
  });

  const connection = (idleMs: number) => {
    const made = new HttpConnection('127.0.0.1', port, 2000, idleMs);
    connections.push(made);
    return made;
  };
  const get = (on: HttpConnection) => new Promise<Outcome>((resolve) => on.get('/', resolve));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('when requests follow each other within the idle limit, then one socket carries them all', async () => {
    const on = connection(1000);
    for (let i = 0; i < 3; i++) {
      expect(await get(on)).to.deep.equal({ status: 200 });
      await pause(20);
    }
    expect(opened).to.equal(1);
  });

  it('when a socket sat idle past the limit, then the next request goes out on a new one and is answered', async () => {
    // Below the server's own keep-alive timeout, so a socket the server is about to close is never written to.
    const on = connection(100);
    expect(await get(on)).to.deep.equal({ status: 200 });
    await pause(150);
    expect(await get(on)).to.deep.equal({ status: 200 });
    expect(opened).to.equal(2);
  });
});
