import { expect } from 'chai';
import { audienceRequest } from '../domain/fixtures.js';
import { meetingBody, registry, type Registry } from './setup.js';

describe('who may do what with register entries', () => {
  let r: Registry;
  let meetingUrl: string;
  let requestUrl: string;
  before(async () => {
    r = await registry();
    const meeting = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(201);
    meetingUrl = `/api/v1/meetings/${meeting.body.id}`;
    const { requesters, represents, ...rest } = audienceRequest;
    const request = await r.as(r.tokens.registrar, r.t.request.post('/api/v1/audience-requests'))
      .send({ ...rest, requesters: requesters.map(({ person: _p, ...q }) => q), represents: represents.map(({ organization: _o, ...e }) => e) })
      .expect(201);
    requestUrl = `/api/v1/audience-requests/${request.body.id}`;
  });
  after(() => r?.t.close());

  const patch = (token: string | undefined) => r.as(token, r.t.request.patch(meetingUrl)).set('If-Match', '"1"').send({ place: 'Sala 2' });

  it('when nobody is signed in, then reads answer the public projection and writes 401', async () => {
    const res = await r.t.request.get(meetingUrl).expect(200);
    expect(res.body).not.to.have.property('notes');
    await r.t.request.post('/api/v1/meetings').send(meetingBody()).expect(401);
    await patch(undefined).expect(401);
  });

  it('when another official or another institution\'s registrar writes the entry, then 403 (they may see it)', async () => {
    for (const token of [r.tokens.otherOfficial, r.tokens.otherRegistrar, r.tokens.oversight]) {
      const res = await patch(token).expect(403);
      expect(res.body.title).to.equal('Forbidden');
      await r.as(token, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(403);
    }
    const other = await r.as(r.tokens.otherOfficial, r.t.request.get(meetingUrl)).expect(200);
    expect(other.body).not.to.have.property('notes');
  });

  it('when the registrar of the institution writes, then it is allowed; oversight and admin read the whole record', async () => {
    await r.as(r.tokens.registrar, r.t.request.patch(meetingUrl)).set('If-Match', '"1"').send({ place: 'Sala 3' }).expect(200);
    for (const token of [r.tokens.oversight, r.tokens.admin, r.tokens.registrar]) {
      const res = await r.as(token, r.t.request.get(meetingUrl)).expect(200);
      expect(res.body.notes).to.equal('Pidieron una segunda reunión.');
    }
    await r.as(r.tokens.admin, r.t.request.patch(meetingUrl)).set('If-Match', '"2"').send({ place: 'Sala 4' }).expect(200);
  });

  it('when an official registers for someone else, then 403 and nothing is written', async () => {
    const count = await r.t.db.collection('meetings').countDocuments();
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ official: 'CD002001', institution: 'cd002' })).expect(403);
    expect(await r.t.db.collection('meetings').countDocuments()).to.equal(count);
  });

  it('when an official moves their entry to another official, then 403', async () => {
    const { body } = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(201);
    await r.as(r.tokens.official, r.t.request.patch(`/api/v1/meetings/${body.id}`)).set('If-Match', '"1"').send({ official: 'CD002001', institution: 'cd002' }).expect(403);
  });

  it('when someone outside an audience request reads or writes it, then 404 as if it did not exist', async () => {
    await r.t.request.get(requestUrl).expect(404);
    await r.as(r.tokens.otherOfficial, r.t.request.get(requestUrl)).expect(404);
    await r.as(r.tokens.otherRegistrar, r.t.request.patch(requestUrl)).set('If-Match', '"1"').send({ paid: false }).expect(404);
    await r.as(r.tokens.otherRegistrar, r.t.request.get(`${requestUrl}/revisions`)).expect(404);
    const list = await r.as(r.tokens.otherOfficial, r.t.request.get('/api/v1/audience-requests')).expect(200);
    expect(list.body.items).to.deep.equal([]);
    await r.t.request.get('/api/v1/audience-requests').expect(401);
  });

  it('when the official it is addressed to reads and answers an audience request, then the answer is dated by the server', async () => {
    const own = await r.as(r.tokens.official, r.t.request.get(requestUrl)).expect(200);
    expect(own.body.requesters[0].contact.email).to.equal('avaldes@asuntospublicos.cl');
    const answered = await r.as(r.tokens.official, r.t.request.post(`${requestUrl}/answer`)).set('If-Match', `"${own.body.revision}"`).send({ decision: 'rejected', reason: 'Sin agenda disponible.' }).expect(200);
    expect(answered.body.answer).to.include({ decision: 'rejected' });
    expect(answered.body.answer.at).to.be.a('string');
    await r.as(r.tokens.official, r.t.request.post(`${requestUrl}/answer`)).set('If-Match', `"${answered.body.revision}"`).send({ decision: 'accepted' }).expect(409);
  });

  it('when a non-admin registers an institution, then 403', async () => {
    for (const token of [r.tokens.official, r.tokens.registrar, r.tokens.oversight]) {
      await r.as(token, r.t.request.post('/api/v1/institutions')).send({ code: 'ef003', name: 'Servicio X', kind: 'public-service' }).expect(403);
    }
  });

  it('when a registrar registers an official of another institution, then 403; of their own, then 201', async () => {
    const body = { code: 'AB001999', name: { full: 'Pedro Pérez' }, positions: [{ institution: 'cd002', title: 'Jefe', from: '2014-01-01' }], duties: { agenda: true, declarations: false } };
    await r.as(r.tokens.registrar, r.t.request.post('/api/v1/officials')).send(body).expect(403);
    await r.as(r.tokens.registrar, r.t.request.post('/api/v1/officials')).send({ ...body, positions: [{ ...body.positions[0], institution: 'ab001' }] }).expect(201);
    const publicView = await r.t.request.get('/api/v1/officials/AB001443').expect(200);
    expect(publicView.body).not.to.have.property('run');
  });
});
