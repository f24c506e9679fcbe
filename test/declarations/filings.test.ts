import { expect } from 'chai';
import { declaration } from '../domain/fixtures.js';
import { declarations, type Declarations } from './setup.js';

describe('declaration filings: drafts, submission, immutability, rectification', () => {
  let d: Declarations;
  before(async () => {
    d = await declarations();
  });
  after(() => d?.t.close());

  it('when the declarant starts a filing, then it is a draft with server bookkeeping and no submission time', async () => {
    const res = await d.as(d.tokens.official, d.t.request.post('/api/v1/declarations')).send(declaration).expect(201);
    expect(res.body).to.include({ state: 'draft', official: 'AB001443', type: 'periodic', revision: 1, status: 'active' });
    expect(res.body).not.to.have.property('submittedAt');
    expect(res.body).not.to.have.property('organizationKeys');
    expect(res.body.declarant.run).to.equal('12345678-5');
    expect(res.headers.etag).to.equal('"1"');
    expect(res.headers.location).to.equal(`/api/v1/declarations/${res.body.id}`);
  });

  it('when a draft is patched and replaced with If-Match, then each change is a revision and the draft stays a draft', async () => {
    const created = await d.draft(d.tokens.official);
    const url = `/api/v1/declarations/${String(created.id)}`;
    const patched = await d.as(d.tokens.official, d.t.request.patch(url)).set('If-Match', '"1"').send({ note: 'Corrige avalúo.' }).expect(200);
    expect(patched.body).to.include({ note: 'Corrige avalúo.', state: 'draft', revision: 2 });
    const { note: _note, ...withoutNote } = declaration;
    const replaced = await d.as(d.tokens.registrar, d.t.request.put(`${url}?reason=Sin%20observaciones`)).set('If-Match', '"2"').send(withoutNote).expect(200);
    expect(replaced.body).not.to.have.property('note');
    expect(replaced.body.revision).to.equal(3);
    const revisions = await d.as(d.tokens.official, d.t.request.get(`${url}/revisions`)).expect(200);
    expect(revisions.body.items.map((r: { action: string }) => r.action)).to.deep.equal(['create', 'update', 'update']);
    expect(revisions.body.items[1].changes).to.deep.equal(['note']);
    expect(revisions.body.items[2].reason).to.equal('Sin observaciones');
    expect(revisions.body.items[2].snapshot).not.to.have.property('organizationKeys');
  });

  it('when a draft is replaced changing one field, then its revision names only that field, never the server\'s search keys', async () => {
    const created = await d.draft(d.tokens.official);
    const url = `/api/v1/declarations/${String(created.id)}`;
    await d.as(d.tokens.official, d.t.request.put(url)).set('If-Match', '"1"').send({ ...declaration, note: 'Otra nota.' }).expect(200);
    const revisions = await d.as(d.tokens.official, d.t.request.get(`${url}/revisions`)).expect(200);
    expect(revisions.body.items[1].changes).to.deep.equal(['note']);
    const stored = await d.t.db.collection('declarations').findOne({ note: 'Otra nota.' });
    expect(stored?.organizationKeys).to.be.an('array').that.is.not.empty;
  });

  it('when a draft is updated with a stale or missing If-Match, then 412 or 428 and nothing changes', async () => {
    const created = await d.draft(d.tokens.official);
    const url = `/api/v1/declarations/${String(created.id)}`;
    await d.as(d.tokens.official, d.t.request.patch(url)).send({ note: 'x' }).expect(428);
    await d.as(d.tokens.official, d.t.request.patch(url)).set('If-Match', '"7"').send({ note: 'x' }).expect(412);
    const res = await d.as(d.tokens.official, d.t.request.get(url)).expect(200);
    expect(res.body.note).to.equal(declaration.note);
  });

  it('when a draft is submitted, then the server sets submittedAt and the filing becomes public', async () => {
    const created = await d.draft(d.tokens.official);
    const url = `/api/v1/declarations/${String(created.id)}`;
    await d.t.request.get(url).expect(404);
    const before = Date.now();
    const res = await d.as(d.tokens.official, d.t.request.post(`${url}/submit`)).set('If-Match', '"1"').expect(200);
    expect(res.body.state).to.equal('submitted');
    expect(Date.parse(res.body.submittedAt)).to.be.within(before - 1000, Date.now() + 1000);
    const pub = await d.t.request.get(url).expect(200);
    expect(pub.body).to.include({ state: 'submitted', submittedAt: res.body.submittedAt });
    expect(pub.body.declarant).not.to.have.property('run');
  });

  it('when a client sends submittedAt or state, then 400 names the field as set by the server', async () => {
    const res = await d.as(d.tokens.official, d.t.request.post('/api/v1/declarations')).send({ ...declaration, submittedAt: '2015-03-01T00:00:00Z', state: 'submitted' }).expect(400);
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).to.include.members(['/submittedAt', '/state']);
  });

  it('when a submitted filing is updated or submitted again, then 409 and it is unchanged', async () => {
    const filed = await d.filed(d.tokens.official);
    const url = `/api/v1/declarations/${String(filed.id)}`;
    const etag = `"${String(filed.revision)}"`;
    for (const req of [
      d.as(d.tokens.official, d.t.request.patch(url)).set('If-Match', etag).send({ note: 'cambio' }),
      d.as(d.tokens.admin, d.t.request.put(url)).set('If-Match', etag).send(declaration),
      d.as(d.tokens.official, d.t.request.post(`${url}/submit`)).set('If-Match', etag),
    ]) {
      const res = await req.expect(409);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(res.body.detail).to.match(/submitted/);
    }
    const after = await d.t.request.get(url).expect(200);
    expect(after.body).to.include({ revision: filed.revision, note: declaration.note, submittedAt: filed.submittedAt });
  });

  it('when a rectification names a submitted filing of the same official, then it is filed beside it and the original is kept', async () => {
    const original = await d.filed(d.tokens.official);
    const rect = await d.filed(d.tokens.official, { ...declaration, type: 'rectification', rectifies: original.id, note: 'Rectifica avalúo.' });
    expect(rect).to.include({ type: 'rectification', rectifies: original.id, state: 'submitted' });
    const kept = await d.t.request.get(`/api/v1/declarations/${String(original.id)}`).expect(200);
    expect(kept.body).to.include({ note: declaration.note, state: 'submitted' });
  });

  it('when a withdrawal of a filing is asked for, then 404: filings are corrected, never withdrawn', async () => {
    const filed = await d.filed(d.tokens.official);
    const url = `/api/v1/declarations/${String(filed.id)}`;
    await d.as(d.tokens.admin, d.t.request.post(`${url}/withdraw`)).set('If-Match', `"${String(filed.revision)}"`).send({ reason: 'error' }).expect(404);
    const after = await d.t.request.get(url).expect(200);
    expect(after.body).to.include({ status: 'active', revision: filed.revision });
  });

  it('when the submit route is called without If-Match, then 428', async () => {
    const created = await d.draft(d.tokens.official);
    await d.as(d.tokens.official, d.t.request.post(`/api/v1/declarations/${String(created.id)}/submit`)).expect(428);
  });

  it('when a create is replayed with the same Idempotency-Key, then the first answer returns and one draft exists', async () => {
    const body = { ...declaration, note: 'idempotente' };
    const first = await d.as(d.tokens.official, d.t.request.post('/api/v1/declarations')).set('Idempotency-Key', 'dip-1').send(body).expect(201);
    const again = await d.as(d.tokens.official, d.t.request.post('/api/v1/declarations')).set('Idempotency-Key', 'dip-1').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body.id).to.equal(first.body.id);
    expect(again.body).not.to.have.property('organizationKeys');
    expect(await d.t.db.collection('declarations').countDocuments({ note: 'idempotente' })).to.equal(1);
  });
});
