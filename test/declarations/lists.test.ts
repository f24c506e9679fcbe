import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { ObjectId } from '../../src/db/driver.js';
import { declaration } from '../domain/fixtures.js';
import { declarations, otherDeclaration, type Declarations } from './setup.js';

describe('listing declarations by official, institution, type and year', () => {
  let d: Declarations;
  let ids: { initial: string; periodic: string; other: string; draft: string };
  before(async () => {
    d = await declarations();
    ids = {
      initial: String((await d.filed(d.tokens.official, { ...declaration, type: 'initial' })).id),
      periodic: String((await d.filed(d.tokens.official)).id),
      other: String((await d.filed(d.tokens.otherOfficial, otherDeclaration())).id),
      draft: String((await d.draft(d.tokens.official)).id),
    };
    // One filing submitted in an earlier year, to tell years apart.
    await d.t.db.collection('declarations').updateOne({ _id: new ObjectId(ids.initial) }, { $set: { submittedAt: '2015-03-20T12:00:00.000Z' } });
  });
  after(() => d?.t.close());

  const listed = async (query: string, token?: string) => {
    const res = await d.as(token, d.t.request.get(`/api/v1/declarations${query}`)).expect(200);
    return (res.body.items as { id: string }[]).map((item) => item.id);
  };

  it('when filtered by official or institution, then only that official\'s submitted filings, newest first', async () => {
    expect(await listed('?official=AB001443')).to.deep.equal([ids.periodic, ids.initial]);
    expect(await listed('?institution=cd002')).to.deep.equal([ids.other]);
  });

  it('when filtered by type, then only filings of that type', async () => {
    expect(await listed('?type=initial')).to.deep.equal([ids.initial]);
  });

  it('when filtered by year, then filings submitted that year only', async () => {
    expect(await listed('?year=2015')).to.deep.equal([ids.initial]);
    const thisYear = new Date().getUTCFullYear();
    expect(await listed(`?year=${thisYear}`)).to.have.members([ids.periodic, ids.other]);
  });

  it('when a page is full, then next and a Link header lead to the rest without repeats', async () => {
    const first = await d.t.request.get('/api/v1/declarations?limit=2').expect(200);
    expect(first.body.items).to.have.length(2);
    expect(first.headers.link).to.match(/rel="next"/);
    const second = await d.t.request.get(`/api/v1/declarations?limit=2&cursor=${String(first.body.next)}`).expect(200);
    const all = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(all).to.have.members([ids.initial, ids.periodic, ids.other]);
    expect(second.body.next).to.equal(null);
  });

  it('when CSV is asked for, then one row per visible filing, public columns only', async () => {
    const res = await d.t.request.get('/api/v1/declarations?format=csv&official=AB001443').expect(200);
    expect(res.headers['content-type']).to.match(/text\/csv/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).to.deep.equal([ids.periodic, ids.initial]);
    expect(rows[0]).to.include({ type: 'periodic', state: 'submitted', company_stakes: 'Minera Los Andes S.A.', vehicles: '1' });
  });

  it('when the declarant lists as themselves, then their draft is included', async () => {
    expect(await listed('?official=AB001443', d.tokens.official)).to.include(ids.draft);
  });
});
