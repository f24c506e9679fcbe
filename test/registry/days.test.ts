import { expect } from 'chai';
import { gift } from '../domain/fixtures.js';
import { meetingBody, registry, type Registry } from './setup.js';

// 22:30 on 30 November 2014 in Santiago (summer time, UTC-3) is already 1 December in UTC.
const LATE_NOVEMBER = '2014-11-30T22:30:00-03:00';

const startsOf = (res: { body: { items: { startsAt: string }[] } }) => res.body.items.map((m) => m.startsAt);

describe('days named without a time are days in the registry time zone', () => {
  describe('America/Santiago, the default', () => {
    let r: Registry;
    before(async () => {
      r = await registry();
      await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: LATE_NOVEMBER, endsAt: undefined })).expect(201);
      await r.as(r.tokens.official, r.t.request.post('/api/v1/gifts')).send(gift).expect(201);
    });
    after(() => r?.t.close());

    it('when a list is bounded by dates, then a meeting late in the evening counts on its own day, not the next UTC one', async () => {
      const sameDay = await r.t.request.get('/api/v1/meetings?official=AB001443&from=2014-11-30&to=2014-11-30').expect(200);
      expect(startsOf(sameDay)).to.have.length(1);
      const nextDay = await r.t.request.get('/api/v1/meetings?official=AB001443&from=2014-12-01&to=2014-12-01').expect(200);
      expect(startsOf(nextDay)).to.deep.equal([]);
      const untilNovember = await r.t.request.get('/api/v1/meetings?official=AB001443&to=2014-11-30').expect(200);
      expect(startsOf(untilNovember)).to.have.length(1);
    });

    it('when a list is bounded by instants, then they are taken as given, whatever the time zone', async () => {
      const after = await r.t.request.get(`/api/v1/meetings?official=AB001443&from=${encodeURIComponent('2014-12-01T01:30:00Z')}`).expect(200);
      expect(startsOf(after)).to.have.length(1);
      const before = await r.t.request.get(`/api/v1/meetings?official=AB001443&to=${encodeURIComponent('2014-12-01T01:29:59Z')}`).expect(200);
      expect(startsOf(before)).to.deep.equal([]);
    });

    it('when a gift is dated by day, then its day is the one written, in any time zone', async () => {
      const onDay = await r.t.request.get(`/api/v1/gifts?official=AB001443&from=${gift.date}&to=${gift.date}`).expect(200);
      expect(onDay.body.items).to.have.length(1);
      const dayAfter = await r.t.request.get('/api/v1/gifts?official=AB001443&from=2014-12-19').expect(200);
      expect(dayAfter.body.items).to.deep.equal([]);
    });

    it('when a nil return attests a month, then meetings count in the month they were held in Santiago', async () => {
      const november = { official: 'AB001443', institution: 'ab001', month: '2014-11', covers: { meetings: true, trips: false, gifts: false } };
      const refused = await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(november).expect(409);
      expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/covers/meetings']);
      await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send({ ...november, month: '2014-12' }).expect(201);
    });

    it('when a meeting time is given in UTC, then the position is checked on the Santiago day', async () => {
      // The position ended on 11 May 2015; 01:30 UTC on the 12th is 22:30 on the 11th in Santiago.
      await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: '2015-05-12T01:30:00Z', endsAt: undefined })).expect(201);
      const late = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: '2015-05-12T03:30:00Z', endsAt: undefined })).expect(422);
      expect(late.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/institution']);
    });
  });

  describe('REGISTRY_TIME_ZONE=UTC', () => {
    let r: Registry;
    before(async () => {
      r = await registry({ REGISTRY_TIME_ZONE: 'UTC' });
      await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ startsAt: LATE_NOVEMBER, endsAt: undefined })).expect(201);
    });
    after(() => r?.t.close());

    it('when the registry keeps UTC days, then the same meeting falls on 1 December', async () => {
      const december = await r.t.request.get('/api/v1/meetings?official=AB001443&from=2014-12-01&to=2014-12-01').expect(200);
      expect(startsOf(december)).to.have.length(1);
      const november = { official: 'AB001443', institution: 'ab001', month: '2014-11', covers: { meetings: true, trips: false, gifts: false } };
      await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(november).expect(201);
    });
  });
});
