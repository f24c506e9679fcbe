import { expect } from 'chai';
import { declaration } from '../domain/fixtures.js';
import { declarations, otherDeclaration, type Declarations } from './setup.js';

const pointersOf = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);

describe('declarations: bad input, each failure named, nothing written', () => {
  let d: Declarations;
  before(async () => {
    d = await declarations();
  });
  after(() => d?.t.close());

  const count = () => d.t.db.collection('declarations').countDocuments({});
  const post = (body: unknown, token = d.tokens.official) => d.as(token, d.t.request.post('/api/v1/declarations')).send(body as object);

  const cases: [string, Record<string, unknown>, number, string][] = [
    ['a wrong type', { ...declaration, vehicles: [{ ...declaration.vehicles[0], year: 'dos mil' }] }, 400, '/vehicles/0/year'],
    ['an unknown field', { ...declaration, favouriteColour: 'azul' }, 400, '/favouriteColour'],
    ['money that is not an integer', { ...declaration, liabilities: [{ ...declaration.liabilities[0], amount: { amount: 10.5, currency: 'UTM' } }] }, 400, '/liabilities/0/amount/amount'],
    ['an unknown currency', { ...declaration, liabilities: [{ ...declaration.liabilities[0], amount: { amount: 10, currency: 'EUR' } }] }, 400, '/liabilities/0/amount/currency'],
    ['an impossible date', { ...declaration, declarant: { ...declaration.declarant, startDate: '2014-02-30' } }, 400, '/declarant/startDate'],
    ['an activity ending before it starts', { ...declaration, activities: [{ ...declaration.activities[0], from: '2014-01-01', to: '2013-01-01' }] }, 400, '/activities/0/to'],
    ['an exit filing without the date of leaving', { ...declaration, type: 'exit' }, 400, '/declarant/endDate'],
    ['a tax id with a wrong check digit', { ...declaration, companyStakes: [{ ...declaration.companyStakes[0], taxId: '96505760-1' }] }, 400, '/companyStakes/0/taxId'],
    ['spouse assets under separate property', { ...declaration, spouseOrPartner: [{ ...declaration.spouseOrPartner[0], assets: { vehicles: [] } }] }, 400, '/spouseOrPartner/0/assets'],
    ['a rectification without its target', { ...declaration, type: 'rectification' }, 400, '/rectifies'],
    ['a target on a non-rectification', { ...declaration, rectifies: '65f1a2b3c4d5e6f708192a7b' }, 400, '/rectifies'],
    ['a rectification of a filing that does not exist', { ...declaration, type: 'rectification', rectifies: '65f1a2b3c4d5e6f708192a7b' }, 422, '/rectifies'],
    ['an unknown official', { ...declaration, official: 'ZZ009999' }, 422, '/official'],
    ['an unknown institution', { ...declaration, institution: 'zz999' }, 422, '/institution'],
  ];
  for (const [what, body, status, pointer] of cases) {
    it(`when a filing has ${what}, then ${status} names ${pointer} and nothing is written`, async () => {
      const before = await count();
      const res = await post(body, d.tokens.admin).expect(status);
      expect(res.headers['content-type']).to.match(/application\/problem\+json/);
      expect(pointersOf(res.body)).to.include(pointer);
      expect(await count()).to.equal(before);
    });
  }

  it('when keys start with "$" or contain ".", then 400 names each one and nothing is written', async () => {
    const before = await count();
    const res = await post({ ...declaration, declarant: { ...declaration.declarant, $where: 'x' }, note: 'x', 'a.b': 1 }).expect(400);
    expect(pointersOf(res.body)).to.include.members(['/declarant/$where', '/a.b']);
    expect(await count()).to.equal(before);
  });

  it('when the body is larger than the limit, then 413 and nothing is written', async () => {
    const before = await count();
    const res = await post({ ...declaration, note: 'x'.repeat(2_000_000) }).expect(413);
    expect(res.body.status).to.equal(413);
    expect(await count()).to.equal(before);
  });

  it('when a section has more items than the schema allows, then 400 names the section', async () => {
    const res = await post({ ...declaration, spouseOrPartner: [declaration.spouseOrPartner[0], declaration.spouseOrPartner[0]] }).expect(400);
    expect(pointersOf(res.body)).to.include('/spouseOrPartner');
  });

  it('when a rectification names a draft, or a filing of another official, then 422 names /rectifies', async () => {
    const draft = await d.draft(d.tokens.official);
    const others = await d.filed(d.tokens.otherOfficial, otherDeclaration());
    for (const target of [draft.id, others.id]) {
      const res = await post({ ...declaration, type: 'rectification', rectifies: target }).expect(422);
      expect(pointersOf(res.body)).to.deep.equal(['/rectifies']);
    }
  });

  it('when an official without the declarations duty files, then 422 names /official', async () => {
    await d.as(d.tokens.admin, d.t.request.post('/api/v1/officials'))
      .send({ code: 'AB001999', name: { full: 'Pedro Pérez' }, positions: [{ institution: 'ab001', title: 'Asesor', from: '2014-01-01' }], duties: { agenda: true, declarations: false } })
      .expect(201);
    const res = await post({ ...declaration, official: 'AB001999' }, d.tokens.admin).expect(422);
    expect(pointersOf(res.body)).to.deep.equal(['/official']);
  });

  it('when an update breaks a rule, then 400 names the field and the draft keeps its revision', async () => {
    const draft = await d.draft(d.tokens.official);
    const url = `/api/v1/declarations/${String(draft.id)}`;
    const res = await d.as(d.tokens.official, d.t.request.patch(url)).set('If-Match', '"1"').send({ vehicles: [{ make: 'Toyota' }] }).expect(400);
    expect(pointersOf(res.body)).to.include.members(['/vehicles/0/kind', '/vehicles/0/model', '/vehicles/0/year']);
    const after = await d.as(d.tokens.official, d.t.request.get(url)).expect(200);
    expect(after.body.revision).to.equal(1);
  });

  it('when the list query has an unknown parameter or a bad year, then 400 names it under /query', async () => {
    const res = await d.t.request.get('/api/v1/declarations?year=dos&colour=red').expect(400);
    expect(pointersOf(res.body)).to.include.members(['/query/year', '/query/colour']);
  });
});
