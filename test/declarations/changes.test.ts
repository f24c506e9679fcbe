import { expect } from 'chai';
import { declaration } from '../domain/fixtures.js';
import { declarations, otherDeclaration, type Declarations } from './setup.js';

describe('GET /declarations/{id}/changes: what changed between two filings of an official', () => {
  let d: Declarations;
  let older: string;
  let newer: string;
  before(async () => {
    d = await declarations();
    older = String((await d.filed(d.tokens.official, { ...declaration, type: 'initial' })).id);
    newer = String(
      (
        await d.filed(d.tokens.official, {
          ...declaration,
          declarant: { ...declaration.declarant, civilStatus: 'divorced', domicile: { street: 'Otra calle 123' } },
          companyStakes: [{ ...declaration.companyStakes[0], share: 0.2 }],
          vehicles: [],
          securities: [...declaration.securities, { kind: 'bonds', issuer: { name: 'Tesorería General de la República' } }],
        })
      ).id,
    );
  });
  after(() => d?.t.close());

  it('when the public compares, then each section lists added, removed and changed items, public fields only', async () => {
    const res = await d.t.request.get(`/api/v1/declarations/${newer}/changes?since=${older}`).expect(200);
    expect(res.body).to.include({ declaration: newer, since: older, official: 'AB001443' });
    expect(res.body.sections.companyStakes.changed).to.have.length(1);
    expect(res.body.sections.companyStakes.changed[0].fields).to.deep.equal(['share']);
    expect(res.body.sections.vehicles.removed).to.have.length(1);
    expect(res.body.sections.vehicles.removed[0]).not.to.have.property('plate');
    expect(res.body.sections.securities.added).to.deep.equal([{ kind: 'bonds', issuer: { name: 'Tesorería General de la República' } }]);
    const fields = res.body.fields.map((f: { field: string }) => f.field);
    expect(fields).to.include.members(['declarant.civilStatus', 'type']);
    // The home address changed, but it is private: the public answer says nothing about it.
    expect(fields.some((f: string) => f.startsWith('declarant.domicile'))).to.equal(false);
  });

  it('when oversight compares, then private changes are included', async () => {
    const res = await d.as(d.tokens.oversight, d.t.request.get(`/api/v1/declarations/${newer}/changes?since=${older}`)).expect(200);
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.include('declarant.domicile.street');
    expect(res.body.sections.vehicles.removed[0].plate).to.equal('DKRT-45');
  });

  it('when since names another official\'s filing, then 422 names /query/since', async () => {
    const other = String((await d.filed(d.tokens.otherOfficial, otherDeclaration())).id);
    const res = await d.t.request.get(`/api/v1/declarations/${newer}/changes?since=${other}`).expect(422);
    expect(res.body.errors).to.deep.equal([{ pointer: '/query/since', message: 'names a declaration of another official' }]);
  });

  it('when since names a draft the caller may not see, or nothing, then 422 without telling which', async () => {
    const draft = String((await d.draft(d.tokens.official)).id);
    for (const since of [draft, '65f1a2b3c4d5e6f708192a7b']) {
      const res = await d.t.request.get(`/api/v1/declarations/${newer}/changes?since=${since}`).expect(422);
      expect(res.body.errors).to.deep.equal([{ pointer: '/query/since', message: 'names no declaration' }]);
    }
  });

  it('when since is missing or not an id, then 400 names /query/since', async () => {
    for (const query of ['', '?since=abc']) {
      const res = await d.t.request.get(`/api/v1/declarations/${newer}/changes${query}`).expect(400);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/query/since');
    }
  });
});
