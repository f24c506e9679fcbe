import { expect } from 'chai';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('OpenAPI document of the record routes', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, { security?: unknown[]; 'x-roles'?: string[]; responses: Record<string, { content?: { 'application/json': { schema: unknown } } }> }>>;
  let components: Record<string, unknown>;
  before(async () => {
    t = await testApp();
    const document = (await t.request.get('/api/openapi.json').expect(200)).body;
    paths = document.paths;
    components = document.components.schemas;
  });
  after(() => t?.close());

  const schemaOf = (path: string, method: string) => paths[path][method].responses['200'].content?.['application/json'].schema;

  it('when a register is written, then its write routes name the roles its access rules let write and need a token', () => {
    for (const [path, method] of [['/api/v1/meetings', 'post'], ['/api/v1/meetings/{id}', 'put'], ['/api/v1/meetings/{id}', 'patch'], ['/api/v1/meetings/{id}/withdraw', 'post']]) {
      expect(paths[path][method]['x-roles'], `${method} ${path}`).to.have.members(['official', 'registrar', 'admin']);
      expect(paths[path][method].security, `${method} ${path}`).to.deep.equal([{ bearer: [] }]);
    }
    expect(paths['/api/v1/organizations'].post['x-roles']).to.have.members(['official', 'registrar', 'oversight', 'admin']);
  });

  it('when audience requests are read, then every read route requires a token, while public registers take one optionally', () => {
    for (const path of ['/api/v1/audience-requests', '/api/v1/audience-requests/{id}', '/api/v1/audience-requests/{id}/revisions']) {
      expect(paths[path].get.security, path).to.deep.equal([{ bearer: [] }]);
    }
    expect(paths['/api/v1/meetings'].get.security).to.deep.equal([{}, { bearer: [] }]);
  });

  it('when filings are compared or an organisation is looked up, then the answers have a response schema', () => {
    expect(schemaOf('/api/v1/declarations/{id}/changes', 'get')).to.deep.equal({ $ref: '#/components/schemas/declaration.changes' });
    expect(schemaOf('/api/v1/organizations/{id}/declared-by', 'get')).to.deep.equal({ $ref: '#/components/schemas/declaration.declaredBy' });
    expect(components['declaration.changes']).to.have.nested.property('properties.sections');
    expect(components['declaration.declaredBy']).to.have.nested.property('properties.items');
  });

  it('when revisions are listed, then the answer is documented as every item at once', () => {
    const schema = schemaOf('/api/v1/meetings/{id}/revisions', 'get') as { required: string[] };
    expect(schema.required).to.deep.equal(['items']);
  });
});
