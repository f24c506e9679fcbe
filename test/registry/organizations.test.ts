import { expect } from 'chai';
import { organization } from '../domain/fixtures.js';
import { meetingBody, registry, type Registry } from './setup.js';

describe('organisations on the other side', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const create = (body: Record<string, unknown>) => r.as(r.tokens.registrar, r.t.request.post('/api/v1/organizations')).send(body);

  it('when an organisation with the same tax id, written otherwise, is registered again, then 409 names the first', async () => {
    const first = await create(organization).expect(201);
    expect(first.body.taxId).to.equal('96505760-9');
    expect(first.body.normalizedName).to.equal('minera los andes');
    expect(first.body.legalRepresentative).to.deep.equal({ name: 'María José Fuentes Lagos', run: '15432876-9' });
    const publicView = await r.t.request.get(`/api/v1/organizations/${first.body.id}`).expect(200);
    expect(publicView.body.legalRepresentative).not.to.have.property('run');
    const again = await create({ name: 'Otra Razón Social', taxId: '96.505.760-9' }).expect(409);
    expect(again.body.errors).to.deep.equal([{ pointer: '/taxId', message: `matches organisation ${first.body.id}` }]);
  });

  it('when only the name matches after case, accents, punctuation and legal form are ignored, then 409 names the name', async () => {
    const res = await create({ name: 'MINERA LOS ÁNDES LTDA.' }).expect(409);
    expect(res.body.errors[0].pointer).to.equal('/name');
  });

  it('when oversight merges a duplicate, then both keep their history and the organisation filter finds entries naming either', async () => {
    const survivor = await create({ name: 'Asociación Gremial del Salmón', taxId: '65123456-5' }).expect(201);
    const duplicate = await create({ name: 'AG Salmoneros' }).expect(201);
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings'))
      .send(meetingBody({ representedEntities: [{ organization: duplicate.body.id, name: 'AG Salmoneros' }] }))
      .expect(201);
    const url = `/api/v1/organizations/${survivor.body.id}/merge`;
    await r.as(r.tokens.registrar, r.t.request.post(url)).set('If-Match', '"1"').send({ duplicate: duplicate.body.id, reason: 'Misma entidad.' }).expect(403);
    await r.as(r.tokens.oversight, r.t.request.post(url)).send({ duplicate: duplicate.body.id, reason: 'Misma entidad.' }).expect(428);
    const merged = await r.as(r.tokens.oversight, r.t.request.post(url)).set('If-Match', '"1"').send({ duplicate: duplicate.body.id, reason: 'Misma entidad.' }).expect(200);
    expect(merged.body.mergedFrom).to.deep.equal([duplicate.body.id]);
    const gone = await r.t.request.get(`/api/v1/organizations/${duplicate.body.id}`).expect(200);
    expect(gone.body.mergedInto).to.equal(survivor.body.id);
    const history = await r.t.request.get(`/api/v1/organizations/${duplicate.body.id}/revisions`).expect(200);
    expect(history.body.items.map((v: { action: string }) => v.action)).to.deep.equal(['create', 'merged-into']);
    const found = await r.t.request.get(`/api/v1/meetings?organization=${survivor.body.id}`).expect(200);
    expect(found.body.items).to.have.length(1);
    await r.as(r.tokens.oversight, r.t.request.post(url)).set('If-Match', '"2"').send({ duplicate: duplicate.body.id, reason: 'Otra vez.' }).expect(409);
  });
});
