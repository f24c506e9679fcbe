import { expect } from 'chai';
import { declaration } from '../domain/fixtures.js';
import { declarations, otherDeclaration, type Declarations } from './setup.js';

describe('who may read and write declarations', () => {
  let d: Declarations;
  let draftUrl: string;
  let filedUrl: string;
  before(async () => {
    d = await declarations();
    draftUrl = `/api/v1/declarations/${String((await d.draft(d.tokens.official)).id)}`;
    filedUrl = `/api/v1/declarations/${String((await d.filed(d.tokens.official)).id)}`;
  });
  after(() => d?.t.close());

  it('when anyone outside the filing asks for a draft, then 404 as if it did not exist', async () => {
    for (const token of [undefined, d.tokens.otherOfficial, d.tokens.otherRegistrar]) {
      const res = await d.as(token, d.t.request.get(draftUrl)).expect(404);
      expect(res.body.detail).to.equal('No declaration has this id.');
      await d.as(token, d.t.request.get(`${draftUrl}/revisions`)).expect(404);
    }
  });

  it('when another official or another institution\'s registrar writes or submits a draft, then 404 and it is unchanged', async () => {
    for (const token of [d.tokens.otherOfficial, d.tokens.otherRegistrar]) {
      await d.as(token, d.t.request.patch(draftUrl)).set('If-Match', '"1"').send({ note: 'ajeno' }).expect(404);
      await d.as(token, d.t.request.post(`${draftUrl}/submit`)).set('If-Match', '"1"').expect(404);
    }
    const res = await d.as(d.tokens.official, d.t.request.get(draftUrl)).expect(200);
    expect(res.body).to.include({ note: declaration.note, revision: 1, state: 'draft' });
  });

  it('when oversight reads a draft, then it sees it whole, but writing it is 403', async () => {
    const res = await d.as(d.tokens.oversight, d.t.request.get(draftUrl)).expect(200);
    expect(res.body.declarant.run).to.equal('12345678-5');
    await d.as(d.tokens.oversight, d.t.request.patch(draftUrl)).set('If-Match', '"1"').send({ note: 'x' }).expect(403);
    await d.as(d.tokens.oversight, d.t.request.post('/api/v1/declarations')).send(declaration).expect(403);
  });

  it('when the registrar of the institution reads a draft, then it is whole', async () => {
    const res = await d.as(d.tokens.registrar, d.t.request.get(draftUrl)).expect(200);
    expect(res.body.declarant.domicile.street).to.equal(declaration.declarant.domicile.street);
  });

  it('when nobody is signed in, then creating is 401 and a submitted filing reads as its public projection', async () => {
    await d.t.request.post('/api/v1/declarations').send(declaration).expect(401);
    const res = await d.t.request.get(filedUrl).expect(200);
    expect(res.body.declarant).not.to.have.property('domicile');
    expect(res.body).not.to.have.property('createdBy');
  });

  it('when an official files for another official, or a registrar for another institution, then 403', async () => {
    await d.as(d.tokens.otherOfficial, d.t.request.post('/api/v1/declarations')).send(declaration).expect(403);
    await d.as(d.tokens.registrar, d.t.request.post('/api/v1/declarations')).send(otherDeclaration()).expect(403);
  });

  it('when another official asks for a submitted filing, then only the public projection', async () => {
    const res = await d.as(d.tokens.otherOfficial, d.t.request.get(filedUrl)).expect(200);
    expect(res.body.vehicles[0]).not.to.have.property('plate');
  });

  it('when the public lists, then no draft appears; the declarant\'s own list holds their drafts', async () => {
    const pub = await d.t.request.get('/api/v1/declarations').expect(200);
    expect(pub.body.items.every((item: { state: string }) => item.state === 'submitted')).to.equal(true);
    expect(pub.body.items.map((item: { id: string }) => `/api/v1/declarations/${item.id}`)).to.include(filedUrl);
    const own = await d.as(d.tokens.official, d.t.request.get('/api/v1/declarations?state=draft')).expect(200);
    expect(own.body.items.map((item: { id: string }) => `/api/v1/declarations/${item.id}`)).to.include(draftUrl);
    const other = await d.as(d.tokens.otherOfficial, d.t.request.get('/api/v1/declarations?state=draft')).expect(200);
    expect(other.body.items).to.deep.equal([]);
  });
});
