import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ObjectId } from '../../src/db/driver.js';
import { meeting } from '../domain/fixtures.js';
import { registry, type Registry } from './setup.js';

const ROWS = 20_000;
/** Each row carries about 1.5 kB of subject, so the whole export is some 30 MB: far more than the bound below. */
const SUBJECT = 'Tramitación ambiental de la ampliación de la faena minera. '.repeat(25);
/**
 * A full garbage collection, so heap samples show what is still held rather than garbage not yet collected; the
 * process need not be started with --expose-gc. Undefined where the runtime refuses (the bound is generous enough).
 */
function collector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const HEAP_GROWTH_BOUND = 24 * 1024 * 1024;

describe('CSV export memory', function () {
  this.timeout(180_000);
  let r: Registry;
  let server: http.Server;
  before(async () => {
    r = await registry();
    // Straight through the driver: 20 000 creates over HTTP would take minutes and test the wrong thing.
    const meetings = r.t.db.connection.db!.collection('meetings');
    const now = '2015-01-01T00:00:00.000Z';
    for (let batch = 0; batch < ROWS / 1000; batch += 1) {
      const docs = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        const { audienceRequest: _a, attendees, representedEntities: _e, ...rest } = meeting;
        return {
          _id: new ObjectId(),
          ...rest,
          attendees: attendees.map(({ person: _p, represents: _r, ...attendee }) => attendee),
          subject: `${n} ${SUBJECT}`,
          eventAt: new Date(Date.UTC(2014, 0, 1) + n * 60_000).toISOString(),
          searchTokens: ['faena', String(n)],
          organizationIds: [],
          status: 'active',
          registeredAt: now,
          updatedAt: now,
          createdBy: 'bulk',
          revision: 1,
        };
      });
      await meetings.insertMany(docs);
    }
    server = r.t.app.listen(0);
  });
  after(async () => {
    server?.close();
    await r?.t.close();
  });

  it('when a large register is exported to a slow reader, then the heap grows by far less than the export', async () => {
    const gc = collector();
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = 0;
    let rows = 0;
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      http.get({ port, path: '/api/v1/meetings?format=csv', headers: { accept: 'text/csv' } }, (res) => {
        expect(res.statusCode).to.equal(200);
        res.on('error', reject);
        (async () => {
          for await (const chunk of res) {
            bytes += (chunk as Buffer).length;
            rows += (chunk as Buffer).toString('latin1').split('\n').length - 1;
            // A slow reader: the server must wait on backpressure rather than read ahead into memory.
            if (rows % 500 < 20) await sleep(2);
            if (rows % 2000 < 20) {
              gc?.();
              peak = Math.max(peak, process.memoryUsage().heapUsed);
            }
          }
        })().then(resolve, reject);
      }).on('error', reject);
    });
    expect(bytes).to.be.greaterThan(ROWS * 1000);
    expect(rows).to.be.at.least(ROWS);
    expect(peak - baseline, `heap grew ${Math.round((peak - baseline) / 1e6)} MB for a ${Math.round(bytes / 1e6)} MB export (gc ${gc ? 'on' : 'unavailable'})`).to.be.below(HEAP_GROWTH_BOUND);
  });
});
