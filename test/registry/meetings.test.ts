import { expect } from 'chai';
import { meetingBody, registry, type Registry } from './setup.js';

describe('meetings register', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const create = (body = meetingBody(), token = r.tokens.official) => r.as(token, r.t.request.post('/api/v1/meetings')).send(body);

  it('when an official registers a meeting, then the server sets the bookkeeping fields, the revision and the audit event', async () => {
    const before = Date.now();
    const res = await create().expect(201);
    expect(res.body).to.include({ official: 'AB001443', status: 'active', revision: 1, eventAt: '2014-12-02T13:30:00.000Z' });
    expect(Date.parse(res.body.registeredAt)).to.be.within(before - 1000, Date.now() + 1000);
    expect(res.body.createdBy).to.be.a('string');
    expect(res.body).not.to.have.any.keys('searchTokens', 'organizationIds');
    expect(res.headers.etag).to.equal('"1"');
    expect(res.headers.location).to.equal(`/api/v1/meetings/${res.body.id}`);
    const revisions = await r.t.db.collection('revisions').find({ kind: 'meeting', record: res.body.id }).toArray();
    expect(revisions.map((v) => v.action)).to.deep.equal(['create']);
    expect(await r.t.db.collection('audit').countDocuments({ action: 'meeting.create', 'subject.id': res.body.id })).to.equal(1);
  });

  it('when the body carries server-owned fields, then 400 names each and nothing is written', async () => {
    const count = await r.t.db.collection('meetings').countDocuments();
    const res = await create(meetingBody({ registeredAt: '2014-12-01T00:00:00Z', revision: 7, createdBy: 'x', updatedAt: '2014-12-01T00:00:00Z' })).expect(400);
    expect(res.body.errors).to.deep.include.members(['/registeredAt', '/revision', '/createdBy', '/updatedAt'].map((pointer) => ({ pointer, message: 'is set by the server' })));
    expect(await r.t.db.collection('meetings').countDocuments()).to.equal(count);
  });

  it('when a create is replayed with the same Idempotency-Key, then the first answer returns and nothing more is created', async () => {
    const first = await create().set('Idempotency-Key', 'meeting-key-1').expect(201);
    const count = await r.t.db.collection('meetings').countDocuments();
    const replay = await create().set('Idempotency-Key', 'meeting-key-1').expect(201);
    expect(replay.body).to.deep.equal(first.body);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(await r.t.db.collection('meetings').countDocuments()).to.equal(count);
    const other = await create(meetingBody({ subject: 'Otra materia distinta.' })).set('Idempotency-Key', 'meeting-key-1').expect(422);
    expect(other.body.errors[0].pointer).to.equal('/header/idempotency-key');
  });

  it('when an update has no If-Match, then 428; a stale one, then 412; the current one, then a new revision naming the changed fields', async () => {
    const { body } = await create().expect(201);
    const url = `/api/v1/meetings/${body.id}`;
    await r.as(r.tokens.official, r.t.request.patch(url)).send({ place: 'Oficina' }).expect(428);
    await r.as(r.tokens.official, r.t.request.patch(url)).set('If-Match', '"7"').send({ place: 'Oficina' }).expect(412);
    const updated = await r.as(r.tokens.official, r.t.request.patch(`${url}?reason=lugar%20corregido`)).set('If-Match', '"1"').send({ place: 'Oficina' }).expect(200);
    expect(updated.body).to.include({ place: 'Oficina', revision: 2 });
    expect(updated.headers.etag).to.equal('"2"');
    await r.as(r.tokens.official, r.t.request.patch(url)).set('If-Match', '"1"').send({ place: 'Otra' }).expect(412);
    const history = await r.as(r.tokens.official, r.t.request.get(`${url}/revisions`)).expect(200);
    expect(history.body.items.map((v: { revision: number }) => v.revision)).to.deep.equal([1, 2]);
    expect(history.body.items[1]).to.deep.include({ action: 'update', reason: 'lugar corregido', changes: ['place'] });
    expect(history.body.items[1].by).to.include({ kind: 'user', role: 'official' });
    expect(history.body.items[0].snapshot.place).to.equal('Palacio de La Moneda');
  });

  it('when a meeting is withdrawn with a reason, then the public sees only the notice and the history stays', async () => {
    const { body } = await create().expect(201);
    const url = `/api/v1/meetings/${body.id}`;
    await r.as(r.tokens.official, r.t.request.post(`${url}/withdraw`)).set('If-Match', '"1"').send({}).expect(400);
    const withdrawn = await r.as(r.tokens.official, r.t.request.post(`${url}/withdraw`)).set('If-Match', '"1"').send({ reason: 'Registrada por error.' }).expect(200);
    expect(withdrawn.body).to.include({ status: 'withdrawn', revision: 2 });
    const publicView = await r.t.request.get(url).expect(200);
    expect(publicView.body).to.deep.equal({
      id: body.id, official: 'AB001443', institution: 'ab001', status: 'withdrawn', registeredAt: body.registeredAt,
      withdrawal: { reason: 'Registrada por error.', at: withdrawn.body.withdrawal.at },
    });
    const publicHistory = await r.t.request.get(`${url}/revisions`).expect(200);
    expect(publicHistory.body.items).to.have.length(2);
    expect(publicHistory.body.items[1]).not.to.have.property('snapshot');
    expect(publicHistory.body.items[1].by).not.to.have.property('id');
    await r.as(r.tokens.official, r.t.request.patch(url)).set('If-Match', '"2"').send({ place: 'x' }).expect(409);
    expect(await r.t.db.collection('meetings').countDocuments({ _id: r.t.db.connection.base.mongo.ObjectId.createFromHexString(body.id) })).to.equal(1);
  });

  it('when the public reads a meeting, then internal notes and the author are left out', async () => {
    const { body } = await create().expect(201);
    const res = await r.t.request.get(`/api/v1/meetings/${body.id}`).expect(200);
    expect(res.body.subject).to.equal(body.subject);
    expect(res.body).not.to.have.any.keys('notes', 'createdBy');
    const own = await r.as(r.tokens.official, r.t.request.get(`/api/v1/meetings/${body.id}`)).expect(200);
    expect(own.body.notes).to.equal('Pidieron una segunda reunión.');
  });
});
