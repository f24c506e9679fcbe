import { expect } from 'chai';
import { gift } from '../domain/fixtures.js';
import { registry, type Registry } from './setup.js';

describe('gifts without donor or occasion', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  it('when a gift states neither donor nor occasion (as InfoLobby publishes them), then it is registered and found by its description', async () => {
    const { donor: _donor, occasion: _occasion, ...body } = gift;
    const created = await r.as(r.tokens.official, r.t.request.post('/api/v1/gifts')).send({ ...body, description: 'Una estatuilla de cerámica' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).not.to.have.property('donor');
    const found = await r.t.request.get('/api/v1/gifts?q=estatuilla').expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).to.deep.equal([created.body.id]);
    const missing = await r.t.request.get('/api/v1/gifts?q=undefined').expect(200);
    expect(missing.body.items).to.have.length(0);
  });
});
