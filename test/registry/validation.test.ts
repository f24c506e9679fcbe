import { expect } from 'chai';
import { trip } from '../domain/fixtures.js';
import { meetingBody, registry, type Registry } from './setup.js';

describe('bad input to the registers', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const refused = async (path: string, body: Record<string, unknown>, status: number, pointer: string) => {
    const before = await r.t.db.collection('revisions').countDocuments();
    const res = await r.as(r.tokens.official, r.t.request.post(path)).send(body).expect(status);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include(pointer);
    expect(await r.t.db.collection('revisions').countDocuments()).to.equal(before);
  };

  it('when a field has the wrong type, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ modality: 3 }), 400, '/modality'));
  it('when a field is unknown, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ lobbyFirm: 'x' }), 400, '/lobbyFirm'));
  it('when a key starts with $, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ attendees: [{ $where: '1', kind: 'lobbyist', paid: true, name: 'x' }] }), 400, '/attendees/0/$where'));
  it('when a key contains a dot, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ 'place.x': 'y' }), 400, '/place.x'));
  it('when a string is too long, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ subject: 'x'.repeat(4001) }), 400, '/subject'));
  it('when an array is too long, then 400 names it', () => refused('/api/v1/meetings', meetingBody({ attendees: Array.from({ length: 101 }, () => ({ name: 'x', kind: 'lobbyist', paid: true })) }), 400, '/attendees'));
  it('when a date is impossible, then 400 names it', () => refused('/api/v1/trips', { ...trip, startDate: '2014-02-30', endDate: undefined }, 400, '/startDate'));
  it('when a meeting ends before it starts, then 400 names the end', () => refused('/api/v1/meetings', meetingBody({ endsAt: '2014-12-02T09:00:00-03:00' }), 400, '/endsAt'));
  it('when a trip ends before it starts, then 400 names the end', () => refused('/api/v1/trips', { ...trip, endDate: '2014-11-10' }, 400, '/endDate'));
  it('when a cost is negative, then 400 names it', () => refused('/api/v1/trips', { ...trip, cost: { amount: -5, currency: 'CLP' } }, 400, '/cost/amount'));
  it('when a lobbyist is said to be unpaid, then 400 names the flag', () => refused('/api/v1/meetings', meetingBody({ attendees: [{ name: 'x', kind: 'lobbyist', paid: false }] }), 400, '/attendees/0/paid'));
  it('when a RUT has a wrong check digit, then 400 names it', () => refused('/api/v1/trips', { ...trip, funders: [{ name: 'Fundación', taxId: '96505760-1', informed: true }] }, 400, '/funders/0/taxId'));
  it('when the official is unknown, then 422 names it', async () => {
    const token = await r.t.tokenFor('admin');
    const res = await r.as(token, r.t.request.post('/api/v1/meetings')).send(meetingBody({ official: 'XX000001' })).expect(422);
    expect(res.body.errors).to.deep.include({ pointer: '/official', message: 'names no registered official' });
  });
  it('when the institution is unknown, then 422 names it', async () => {
    const res = await r.as(r.tokens.admin, r.t.request.post('/api/v1/meetings')).send(meetingBody({ institution: 'zz999' })).expect(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/institution');
  });
  it('when the official held no post on the date, then 422 names the institution', () => refused('/api/v1/meetings', meetingBody({ startsAt: '2016-01-10T10:00:00-03:00', endsAt: undefined }), 422, '/institution'));
  it('when a referenced organisation does not exist, then 422 names it', () => refused('/api/v1/meetings', meetingBody({ representedEntities: [{ organization: '65f1a2b3c4d5e6f708192a3b' }] }), 422, '/representedEntities/0/organization'));
  it('when a month is attested twice, then 409 names the month', async () => {
    const body = { official: 'AB001443', institution: 'ab001', month: '2015-02', covers: { meetings: true, trips: true, gifts: true } };
    await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(body).expect(201);
    await refused('/api/v1/attestations', body, 409, '/month');
  });
  it('when an attestation covers a month with meetings, then 409 names the register', async () => {
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(201);
    await refused('/api/v1/attestations', { official: 'AB001443', institution: 'ab001', month: '2014-12', covers: { meetings: true, trips: false, gifts: false } }, 409, '/covers/meetings');
  });
});
