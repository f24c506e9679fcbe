import { expect } from 'chai';
import { meetingBody, registry, type Registry } from '../registry/setup.js';

describe('declaration and idempotency-key indexes', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const native = () => r.t.db.connection.db!;

  it('when the app has started, then filings have an index on state in list order, so lists filtered by state read one index range', async () => {
    const indexes = await native().collection('declarations').indexes();
    expect(indexes.map((index) => index.key)).to.deep.include({ state: 1, registeredAt: -1, _id: -1 });
    await r.t.request.get('/api/v1/declarations?state=submitted').expect(200);
  });

  it('when a create is sent with an Idempotency-Key, then the key is kept with a date a TTL index drops a day later', async () => {
    const before = Date.now();
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).set('Idempotency-Key', 'ttl-key-1').send(meetingBody()).expect(201);
    const ttl = (await native().collection('idempotencyKeys').indexes()).find((index) => index.expireAfterSeconds !== undefined);
    expect(ttl, 'a TTL index on idempotencyKeys').not.to.equal(undefined);
    const field = Object.keys(ttl!.key)[0];
    const key = await native().collection('idempotencyKeys').findOne({ _id: { $regex: ':meeting:ttl-key-1$' } } as never);
    const expires = key?.[field] as unknown;
    expect(expires).to.be.instanceOf(Date);
    const dropsAt = (expires as Date).getTime() + Number(ttl!.expireAfterSeconds) * 1000;
    expect(dropsAt - before).to.be.within(23 * 3600_000, 25 * 3600_000);
  });
});
