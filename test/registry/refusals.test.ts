import { expect } from 'chai';
import type { Test } from 'supertest';
import { attestation, audienceRequest, gift, organization, person, trip } from '../domain/fixtures.js';
import { registry, type Registry } from './setup.js';

/** Every collection a refused write could have touched: the records themselves, their revisions and the audit log. */
async function counts(r: Registry, collection: string): Promise<Record<string, number>> {
  const db = r.t.db.connection.db!;
  const [records, revisions, audit] = await Promise.all([collection, 'revisions', 'audit'].map((name) => db.collection(name).countDocuments()));
  return { records, revisions, audit };
}

/** Answers with `status` and leaves the record, its collection, the revisions and the audit log as they were. */
async function refusedWithoutWriting(r: Registry, collection: string, id: string | undefined, status: number, send: () => Test): Promise<void> {
  const stored = async () => (id === undefined ? undefined : (await r.t.db.connection.db!.collection(collection).find().toArray()).find((doc) => String(doc._id) === id));
  const [countsBefore, recordBefore] = [await counts(r, collection), await stored()];
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(await counts(r, collection)).to.deep.equal(countsBefore);
  expect(await stored()).to.deep.equal(recordBefore);
}

describe('refused writes to trips, gifts, attestations, people and organisations', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const entries = [
    ['trips', trip, { purpose: 'Otro propósito del viaje.' }],
    ['gifts', gift, { description: '2 libros' }],
    ['attestations', attestation, { statement: 'Otra declaración.' }],
  ] as const;

  for (const [collection, body, change] of entries) {
    describe(`${collection}`, () => {
      let id: string;
      before(async () => {
        const res = await r.as(r.tokens.official, r.t.request.post(`/api/v1/${collection}`)).send(body);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        id = res.body.id;
      });
      const url = () => `/api/v1/${collection}/${id}`;

      it('when nobody is signed in, then create, PUT, PATCH and withdraw answer 401 and nothing is written', async () => {
        await refusedWithoutWriting(r, collection, undefined, 401, () => r.t.request.post(`/api/v1/${collection}`).send(body));
        await refusedWithoutWriting(r, collection, id, 401, () => r.t.request.put(url()).set('If-Match', '"1"').send({ ...body, ...change }));
        await refusedWithoutWriting(r, collection, id, 401, () => r.t.request.patch(url()).set('If-Match', '"1"').send(change));
        await refusedWithoutWriting(r, collection, id, 401, () => r.t.request.post(`${url()}/withdraw`).set('If-Match', '"1"').send({ reason: 'No.' }));
      });

      it('when oversight or an official creates an entry for another official, then 403 and nothing is written', async () => {
        await refusedWithoutWriting(r, collection, undefined, 403, () => r.as(r.tokens.oversight, r.t.request.post(`/api/v1/${collection}`)).send(body));
        await refusedWithoutWriting(r, collection, undefined, 403, () => r.as(r.tokens.otherOfficial, r.t.request.post(`/api/v1/${collection}`)).send(body));
        await refusedWithoutWriting(r, collection, undefined, 403, () => r.as(r.tokens.otherRegistrar, r.t.request.post(`/api/v1/${collection}`)).send(body));
      });

      for (const who of ['otherOfficial', 'otherRegistrar', 'oversight'] as const) {
        it(`when the ${who} (who may see the entry) replaces, patches or withdraws it, then 403 and nothing is written`, async () => {
          const token = r.tokens[who];
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.put(url())).set('If-Match', '"1"').send({ ...body, ...change }));
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.patch(url())).set('If-Match', '"1"').send(change));
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.post(`${url()}/withdraw`)).set('If-Match', '"1"').send({ reason: 'No.' }));
        });
      }

      it('when its own official patches it, then the change is kept (the refusals above were of the caller, not the request)', async () => {
        await r.as(r.tokens.official, r.t.request.patch(url())).set('If-Match', '"1"').send(change).expect(200);
      });
    });
  }

  const counterparts = [
    ['people', person, { name: { full: 'Andrés Valdés R.' } }],
    ['organizations', organization, { lineOfBusiness: 'Minería del cobre' }],
  ] as const;

  for (const [collection, body, change] of counterparts) {
    describe(`${collection}`, () => {
      let id: string;
      before(async () => {
        // The person fixture names an organisation the test does not create: leave it out.
        const { organization: _organization, ...own } = body as Record<string, unknown>;
        const res = await r.as(r.tokens.official, r.t.request.post(`/api/v1/${collection}`)).send(collection === 'people' ? own : body);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        id = res.body.id;
      });
      const url = () => `/api/v1/${collection}/${id}`;

      it('when nobody is signed in, then create answers 401 and nothing is written', async () => {
        await refusedWithoutWriting(r, collection, undefined, 401, () => r.t.request.post(`/api/v1/${collection}`).send({ name: collection === 'people' ? { full: 'Nadie' } : 'Nadie Limitada' }));
      });

      for (const who of ['otherOfficial', 'registrar'] as const) {
        it(`when the ${who}, who did not register it, patches, replaces or withdraws it, then 403 and nothing is written`, async () => {
          const token = r.tokens[who];
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.patch(url())).set('If-Match', '"1"').send(change));
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.put(url())).set('If-Match', '"1"').send({ ...(collection === 'people' ? { name: person.name, kind: person.kind } : organization), ...change }));
          await refusedWithoutWriting(r, collection, id, 403, () => r.as(token, r.t.request.post(`${url()}/withdraw`)).set('If-Match', '"1"').send({ reason: 'No.' }));
        });
      }

      it('when oversight changes it, then it is allowed', async () => {
        await r.as(r.tokens.oversight, r.t.request.patch(url())).set('If-Match', '"1"').send(change).expect(200);
      });
    });
  }

  it('when a registrar of another institution or another official writes an audience request they may not see, then 404 and nothing is written', async () => {
    const { requesters, represents, ...rest } = audienceRequest;
    const body = { ...rest, requesters: requesters.map(({ person: _p, ...q }) => q), represents: represents.map(({ organization: _o, ...e }) => e) };
    const request = await r.as(r.tokens.registrar, r.t.request.post('/api/v1/audience-requests')).send(body).expect(201);
    const url = `/api/v1/audience-requests/${request.body.id}`;
    await refusedWithoutWriting(r, 'audienceRequests', request.body.id, 404, () => r.as(r.tokens.otherRegistrar, r.t.request.post(`${url}/withdraw`)).set('If-Match', '"1"').send({ reason: 'No.' }));
    await refusedWithoutWriting(r, 'audienceRequests', request.body.id, 404, () => r.as(r.tokens.otherOfficial, r.t.request.put(url)).set('If-Match', '"1"').send(body));
    await refusedWithoutWriting(r, 'audienceRequests', request.body.id, 404, () => r.as(r.tokens.otherOfficial, r.t.request.patch(url)).set('If-Match', '"1"').send({ paid: false }));
  });
});
