import { expect } from 'chai';
import { meetingBody, registry, type Registry } from './setup.js';

describe('register search', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const meetings = (token: string | undefined, query: string) => r.as(token, r.t.request.get(`/api/v1/meetings?${query}`)).expect(200);

  it('when a subject holds a word longer than the search-word limit, then the entry is registered and found by that word', async () => {
    const word = 'a'.repeat(1000);
    const created = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody({ subject: `Trámite ${word}` })).expect(201);
    const found = await meetings(undefined, `q=${'a'.repeat(200)}`);
    expect(found.body.items.map((item: { id: string }) => item.id)).to.deep.equal([created.body.id]);
  });

  describe('when a meeting is withdrawn', () => {
    let id: string;
    let organization: string;
    before(async () => {
      const org = await r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ name: 'Pesquera Retirada Limitada', country: 'CL', roles: ['represented'] });
      expect(org.status, JSON.stringify(org.body)).to.equal(201);
      organization = org.body.id;
      const body = meetingBody({
        subject: 'Palabrasecretaretirada sobre una concesión.',
        startsAt: '2015-03-04T10:00:00-03:00',
        endsAt: '2015-03-04T11:00:00-03:00',
        attendees: [{ name: 'Andrés Valdés Ruiz-Tagle', kind: 'lobbyist', paid: true, represents: [{ organization }] }],
      });
      const res = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      id = res.body.id;
      await r.as(r.tokens.official, r.t.request.post(`/api/v1/meetings/${id}/withdraw`)).set('If-Match', '"1"').send({ reason: 'Registered by mistake.' }).expect(200);
    });

    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id);

    for (const [what, query] of [
      ['a word only it holds', () => 'q=palabrasecretaretirada'],
      ['its dates', () => 'from=2015-03-04&to=2015-03-04'],
      ['an organisation it names', () => `organization=${organization}`],
    ] as const) {
      it(`then the public searching by ${what} does not find it`, async () => {
        expect(ids(await meetings(undefined, query()))).not.to.include(id);
      });
      it(`then an official of another institution searching by ${what} does not find it`, async () => {
        expect(ids(await meetings(r.tokens.otherOfficial, query()))).not.to.include(id);
      });
      it(`then its own official and oversight searching by ${what} still find it`, async () => {
        expect(ids(await meetings(r.tokens.official, query()))).to.include(id);
        expect(ids(await meetings(r.tokens.oversight, query()))).to.include(id);
      });
    }

    it('then the public list without content filters still shows its withdrawal notice', async () => {
      expect(ids(await meetings(undefined, 'limit=200'))).to.include(id);
    });
  });
});
