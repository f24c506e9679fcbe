import { expect } from 'chai';
import { declaration } from '../domain/fixtures.js';
import { declarations, otherDeclaration, type Declarations } from './setup.js';

const stake = (name: string, taxId?: string) => ({ name, ...(taxId ? { taxId } : {}), kind: 'shares', share: 1 });

describe('GET /organizations/{id}/declared-by: officials whose current declaration names an organisation', () => {
  let d: Declarations;
  let url: string;
  let current: string;
  before(async () => {
    d = await declarations();
    for (const code of ['AB001500', 'AB001501', 'AB001502']) {
      await d.as(d.tokens.admin, d.t.request.post('/api/v1/officials'))
        .send({ code, name: { full: `Funcionario ${code}` }, positions: [{ institution: 'ab001', title: 'Jefe de división', from: '2014-01-01' }], duties: { agenda: false, declarations: true } })
        .expect(201);
    }
    url = `/api/v1/organizations/${await d.organization()}/declared-by`;
    const at = (official: string, overrides: Record<string, unknown>) => otherDeclaration({ official, institution: 'ab001', ...overrides });
    // Names it by tax id, through the fixture's stake in Minera Los Andes S.A.
    current = String((await d.filed(d.tokens.official)).id);
    // Names it without a tax id, with another spelling of the name.
    await d.filed(d.tokens.admin, otherDeclaration({ companyStakes: [stake('MINERA LOS ANDES')] }));
    // Named it once, then sold: the newer filing no longer does.
    await d.filed(d.tokens.admin, at('AB001500', { type: 'initial', companyStakes: [stake('Minera Los Andes S.A.', '96505760-9')] }));
    await d.filed(d.tokens.admin, at('AB001500', { companyStakes: [] }));
    // Same name, another company's tax id: a different company.
    await d.filed(d.tokens.admin, at('AB001501', { companyStakes: [stake('Minera Los Andes S.A.', '76124890-1')] }));
    // A draft is nobody's declaration yet.
    await d.draft(d.tokens.admin, at('AB001502', { companyStakes: [stake('Minera Los Andes S.A.', '96505760-9')] }));
  });
  after(() => d?.t.close());

  it('when officials\' current filings name the company by tax id or, lacking one, by normalised name, then they are listed in code order', async () => {
    const res = await d.t.request.get(url).expect(200);
    expect(res.body.items.map((item: { official: string }) => item.official)).to.deep.equal(['AB001443', 'CD002001']);
    expect(res.body.items[0]).to.include({ declaration: current, type: 'periodic', institution: 'ab001' });
    expect(res.body.items[0].mentions).to.have.length(1);
    expect(res.body.items[0].mentions[0]).to.deep.include({ section: 'companyStakes', pointer: '/companyStakes/0' });
    expect(res.body.items[0].mentions[0].item.name).to.equal('Minera Los Andes S.A.');
    expect(res.body.next).to.equal(null);
  });

  it('when a rectification drops the company, then the official is no longer listed', async () => {
    await d.filed(d.tokens.official, { ...declaration, type: 'rectification', rectifies: current, companyStakes: [] });
    const res = await d.t.request.get(url).expect(200);
    expect(res.body.items.map((item: { official: string }) => item.official)).to.deep.equal(['CD002001']);
  });

  it('when a page is full, then next leads to the officials after it', async () => {
    await d.filed(d.tokens.admin, otherDeclaration({ official: 'AB001502', institution: 'ab001', companyStakes: [stake('Minera Los Andes', '96505760-9')] }));
    const first = await d.t.request.get(`${url}?limit=1`).expect(200);
    expect(first.body.items.map((item: { official: string }) => item.official)).to.deep.equal(['AB001502']);
    const second = await d.t.request.get(`${url}?limit=1&cursor=${String(first.body.next)}`).expect(200);
    expect(second.body.items.map((item: { official: string }) => item.official)).to.deep.equal(['CD002001']);
    expect(second.body.next).to.equal(null);
  });

  it('when the organisation does not exist, then 404; a malformed cursor is 400', async () => {
    await d.t.request.get('/api/v1/organizations/65f1a2b3c4d5e6f708192a3f/declared-by').expect(404);
    await d.t.request.get('/api/v1/organizations/nope/declared-by').expect(404);
    const res = await d.t.request.get(`${url}?cursor=${Buffer.from('$ne').toString('base64url')}`).expect(400);
    expect(res.body.errors[0].pointer).to.equal('/query/cursor');
  });
});
