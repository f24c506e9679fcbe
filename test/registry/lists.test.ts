import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { meetingBody, registry, type Registry } from './setup.js';

describe('register lists', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
    for (let day = 1; day <= 5; day++) {
      await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: `2014-11-0${day}T10:00:00-03:00`, endsAt: undefined })).expect(201);
    }
    await r.as(r.tokens.otherOfficial, r.t.request.post('/api/v1/meetings'))
      .send(meetingBody({ official: 'CD002001', institution: 'cd002', startsAt: '2014-11-03T09:00:00-03:00', endsAt: undefined, subject: 'Plan regulador comunal' }))
      .expect(201);
  });
  after(() => r?.t.close());

  it('when a list is paged, then pages follow newest first with a next cursor and a Link header, unshifted by inserts', async () => {
    const first = await r.t.request.get('/api/v1/meetings?official=AB001443&limit=2').expect(200);
    expect(first.body.items.map((m: { startsAt: string }) => m.startsAt.slice(0, 10))).to.deep.equal(['2014-11-05', '2014-11-04']);
    expect(first.headers.link).to.match(/^<\/api\/v1\/meetings\?.*cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: '2014-11-06T10:00:00-03:00', endsAt: undefined })).expect(201);
    const second = await r.t.request.get(`/api/v1/meetings?official=AB001443&limit=2&cursor=${first.body.next}`).expect(200);
    expect(second.body.items.map((m: { startsAt: string }) => m.startsAt.slice(0, 10))).to.deep.equal(['2014-11-03', '2014-11-02']);
    const third = await r.t.request.get(`/api/v1/meetings?official=AB001443&limit=2&cursor=${second.body.next}`).expect(200);
    expect(third.body.items).to.have.length(1);
    expect(third.body.next).to.equal(null);
    expect(third.headers.link).to.equal(undefined);
  });

  it('when the public lists meetings, then each item is exactly what the public reads of that meeting alone', async () => {
    const list = await r.t.request.get('/api/v1/meetings?official=AB001443&limit=200').expect(200);
    expect(list.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(list.body.items.length).to.be.greaterThan(4);
    await r.t.request.get('/api/v1/meetings?official=AB001443&limit=200').set('If-None-Match', list.headers.etag).expect(304);
    for (const item of list.body.items as { id: string }[]) {
      const one = await r.t.request.get(`/api/v1/meetings/${item.id}`).expect(200);
      expect(item).to.deep.equal(one.body);
    }
    const overseen = await r.as(r.tokens.oversight, r.t.request.get('/api/v1/meetings?official=AB001443&limit=200')).expect(200);
    expect(overseen.body.items.map((m: { id: string }) => m.id)).to.deep.equal(list.body.items.map((m: { id: string }) => m.id));
    expect(overseen.body.items[0]).to.have.property('createdBy');
    expect(list.body.items[0]).not.to.have.property('createdBy');
  });

  it('when q names the official without accents, then their meetings are found', async () => {
    const res = await r.t.request.get('/api/v1/meetings?q=PENAILILLO&limit=200').expect(200);
    expect(res.body.items.length).to.be.greaterThan(4);
    expect(res.body.items.every((m: { official: string }) => m.official === 'AB001443')).to.equal(true);
    const subject = await r.t.request.get('/api/v1/meetings?q=regulador%20comunal').expect(200);
    expect(subject.body.items.map((m: { official: string }) => m.official)).to.deep.equal(['CD002001']);
  });

  it('when filtered by institution and date range, then only matching entries come back', async () => {
    const res = await r.t.request.get('/api/v1/meetings?institution=ab001&from=2014-11-02&to=2014-11-03').expect(200);
    expect(res.body.items.map((m: { startsAt: string }) => m.startsAt.slice(0, 10))).to.deep.equal(['2014-11-03', '2014-11-02']);
    await r.t.request.get('/api/v1/meetings?from=2014-11-05&to=2014-11-01').expect(400);
  });

  it('when CSV is asked for, by header or by format, then every matching entry comes as rows with a header', async () => {
    for (const req of [r.t.request.get('/api/v1/meetings?official=AB001443').set('Accept', 'text/csv'), r.t.request.get('/api/v1/meetings?official=AB001443&format=csv')]) {
      const res = await req.buffer(true).parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      }).expect(200);
      expect(res.headers['content-type']).to.match(/^text\/csv/);
      const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
      expect(rows.length).to.be.greaterThan(4);
      expect(rows[0]).to.include({ official: 'AB001443', institution: 'ab001' });
      expect(Object.keys(rows[0])).not.to.include('notes');
    }
  });

  it('when the query string carries an operator or an unknown field, then 400 names it', async () => {
    const injected = await r.t.request.get('/api/v1/meetings?$where=1').expect(400);
    expect(injected.body.errors[0].pointer).to.equal('/query/$where');
    const bracket = await r.t.request.get('/api/v1/meetings?official[$ne]=x').expect(400);
    expect(bracket.body.errors[0].pointer).to.equal('/query/official[$ne]');
    const limit = await r.t.request.get('/api/v1/meetings?limit=201').expect(400);
    expect(limit.body.errors[0].pointer).to.equal('/query/limit');
    await r.t.request.get('/api/v1/meetings?cursor=bm90LWEtY3Vyc29y').expect(400);
  });

  it('when a text search runs, then the engine answers it from the search-words index', async () => {
    const plan = await r.t.db.collection('meetings').find({ searchTokens: 'penailillo' }).sort({ eventAt: -1, _id: -1 }).explain();
    expect(JSON.stringify(plan)).to.match(/searchTokens_eventAt/);
  });
});
