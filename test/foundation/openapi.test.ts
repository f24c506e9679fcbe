import { expect } from 'chai';
import { Router } from 'express';
import { requireRole } from '../../src/http/auth.js';
import { describe as describeRoute } from '../../src/http/describe.js';
import { collectOperations, openApiDocument } from '../../src/http/openapi.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

type Doc = { paths: Record<string, Record<string, { security?: unknown; 'x-roles'?: string[]; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };

function documentFor(router: Router): Doc {
  return openApiDocument(collectOperations([{ mountPath: '/api/v1/things', router }]), schemaRegistry()) as unknown as Doc;
}

const ok = (_req: unknown, res: { json: (body: unknown) => void }) => res.json({});

describe('OpenAPI document', () => {
  it('when a list route says nothing of its shape, then the page is documented as {items, next, limit} with next nullable', () => {
    const router = Router();
    router.get('/', describeRoute({ summary: 'List', response: 'meeting[]' }), ok);
    const schema = documentFor(router).paths['/api/v1/things'].get.responses['200'].content!['application/json'].schema;
    expect(schema.required).to.deep.equal(['items', 'next', 'limit']);
    expect(schema.properties).to.have.all.keys('items', 'next', 'limit');
    expect((schema.properties as Record<string, unknown>).next).to.deep.equal({ type: ['string', 'null'] });
  });

  it('when a list route says offset or whole, then its page is documented in that shape', () => {
    const router = Router();
    router.get('/offset', describeRoute({ summary: 'Offset', response: 'user[]', list: 'offset' }), ok);
    router.get('/whole', describeRoute({ summary: 'Whole', response: 'revision[]', list: 'whole' }), ok);
    const doc = documentFor(router);
    expect(doc.paths['/api/v1/things/offset'].get.responses['200'].content!['application/json'].schema.required).to.deep.equal(['items', 'total', 'limit', 'offset']);
    expect(doc.paths['/api/v1/things/whole'].get.responses['200'].content!['application/json'].schema.properties).to.have.all.keys('items');
  });

  it('when roles are enforced in the service and only described, then the operation still shows them and a bearer requirement', () => {
    const router = Router();
    router.post('/:id/review', describeRoute({ summary: 'Review', roles: ['oversight', 'admin'] }), ok);
    router.get('/mine', describeRoute({ summary: 'Mine', auth: 'required' }), ok);
    const doc = documentFor(router);
    expect(doc.paths['/api/v1/things/{id}/review'].post['x-roles']).to.deep.equal(['oversight', 'admin']);
    expect(doc.paths['/api/v1/things/{id}/review'].post.security).to.deep.equal([{ bearer: [] }]);
    expect(doc.paths['/api/v1/things/mine'].get.security).to.deep.equal([{ bearer: [] }]);
    expect(doc.paths['/api/v1/things/mine'].get['x-roles']).to.equal(undefined);
  });

  it('when authentication is optional, then anonymous and bearer are both documented; an undescribed public route has no security', () => {
    const router = Router();
    router.get('/open', describeRoute({ summary: 'Open', auth: 'optional' }), ok);
    router.get('/public', describeRoute({ summary: 'Public' }), ok);
    router.get('/guarded', describeRoute({ summary: 'Guarded', auth: 'optional' }), requireRole('admin'), ok);
    const doc = documentFor(router);
    expect(doc.paths['/api/v1/things/open'].get.security).to.deep.equal([{}, { bearer: [] }]);
    expect(doc.paths['/api/v1/things/public'].get.security).to.equal(undefined);
    expect(doc.paths['/api/v1/things/guarded'].get.security).to.deep.equal([{ bearer: [] }]);
  });
});

describe('OpenAPI document against the answers', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t?.close());

  it('when the accounts list is fetched, then its keys are exactly the documented ones', async () => {
    const doc = (await t.request.get('/api/openapi.json').expect(200)).body as Doc;
    const schema = doc.paths['/api/v1/users'].get.responses['200'].content!['application/json'].schema;
    const res = await t.request.get('/api/v1/users').set('Authorization', `Bearer ${await t.tokenFor('admin')}`).expect(200);
    expect(Object.keys(res.body).sort()).to.deep.equal([...(schema.required as string[])].sort());
  });
});
