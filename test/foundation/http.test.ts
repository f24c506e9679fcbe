import { expect } from 'chai';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('HTTP plumbing', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { BODY_LIMIT: '2kb' } });
  });
  after(() => t?.close());

  it('when /healthz is asked, then the process says it is alive', async () => {
    const res = await t.request.get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'alive' });
  });

  it('when /readyz is asked and the database answers, then it is ready', async () => {
    const res = await t.request.get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ready' });
  });

  it('when an unknown API route is asked, then a 404 problem+json names the path', async () => {
    const res = await t.request.get('/api/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ title: 'Not Found', status: 404, instance: '/api/v1/nothing-here' });
    expect(res.body.type).to.be.a('string');
    expect(res.body.detail).to.be.a('string');
    expect(res.body.errors).to.deep.equal([]);
    expect(res.body.requestId).to.equal(res.headers['x-request-id']);
  });

  it('when a browser asks for an unknown page, then it gets a rendered error page, escaped', async () => {
    const res = await t.request.get('/no/<script>').set('Accept', 'text/html').expect(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('404 · Not Found');
    expect(res.text).not.to.contain('<script>');
  });

  it('when the body is larger than BODY_LIMIT, then 413 problem+json', async () => {
    const res = await t.request.post('/api/v1/auth/token').send({ email: 'a@b.c', password: 'x'.repeat(5000) }).expect(413);
    expect(res.body).to.include({ status: 413, title: 'Payload Too Large' });
  });

  it('when an API body is not JSON, then 415 problem+json', async () => {
    const res = await t.request.post('/api/v1/auth/token').set('Content-Type', 'text/plain').send('email=a').expect(415);
    expect(res.body).to.include({ status: 415, title: 'Unsupported Media Type' });
  });

  it('when the JSON is malformed, then 400 problem+json says so', async () => {
    const res = await t.request.post('/api/v1/auth/token').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body).to.include({ status: 400, detail: 'The body is not valid JSON.' });
  });

  it('when a body has operator-like keys, then 400 names each one', async () => {
    const res = await t.request.post('/api/v1/auth/token').send({ email: { $gt: '' }, 'pass.word': 'x' }).expect(400);
    expect(res.body.errors).to.deep.equal([
      { pointer: '/email/$gt', message: 'field names may not start with "$" or contain "."' },
      { pointer: '/pass.word', message: 'field names may not start with "$" or contain "."' },
    ]);
  });

  it('when a route without a query schema gets an operator-like query key, then 400 names the key before the route runs', async () => {
    const token = await t.tokenFor('admin');
    const id = '0123456789abcdef01234567';
    const cases: [import('supertest').Test, string][] = [
      [t.request.get('/api/v1/me?$gt=1'), '/query/$gt'],
      [t.request.get(`/api/v1/users/${id}?a.b=1`), '/query/a.b'],
      [t.request.post(`/api/v1/users/${id}/disable?$where=1`), '/query/$where'],
      [t.request.post(`/api/v1/users/${id}/enable?$ne=x`), '/query/$ne'],
      [t.request.get(`/api/v1/meetings/${id}?$gt=1`), '/query/$gt'],
      [t.request.get(`/api/v1/meetings/${id}/revisions?x.y=1`), '/query/x.y'],
      [t.request.post(`/api/v1/declarations/${id}/submit?$set=1`), '/query/$set'],
    ];
    for (const [req, pointer] of cases) {
      const res = await req.set('Authorization', `Bearer ${token}`);
      expect(res.status, pointer).to.equal(400);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.body.errors).to.deep.equal([{ pointer, message: 'field names may not start with "$" or contain "."' }]);
    }
  });

  it('when an upstream request id is sent, then it is kept and echoed', async () => {
    const res = await t.request.get('/healthz').set('X-Request-Id', 'edge-1234').expect(200);
    expect(res.headers['x-request-id']).to.equal('edge-1234');
  });

  it('when any page is served, then security headers and a strict CSP come with it', async () => {
    const res = await t.request.get('/healthz');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'").and.to.contain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers).not.to.have.property('x-powered-by');
  });

  it('when the OpenAPI document is asked, then it lists the modules routes and every schema as a component', async () => {
    const res = await t.request.get('/api/openapi.json').expect(200);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(res.body.paths['/api/v1/auth/token'].post.requestBody.content['application/json'].schema).to.deep.equal({
      $ref: '#/components/schemas/user.credentials',
    });
    expect(res.body.paths['/api/v1/users/{id}/role'].put['x-roles']).to.deep.equal(['admin']);
    expect(res.body.components.schemas).to.include.keys('user', 'user.create', 'user.patch', 'meeting', 'common.isoDate', 'Problem');
    expect(JSON.stringify(res.body)).not.to.match(/"\$ref":"(?!#\/components\/schemas\/)/);
  });

  it('when the API docs page is asked, then it renders offline with every route', async () => {
    const res = await t.request.get('/api/docs').expect(200);
    expect(res.text).to.contain('/api/v1/users/:id/disable').and.to.contain('/api/openapi.json');
    expect(res.text).not.to.match(/https?:\/\/(?!localhost|registry\.local|json-schema\.org)[a-z0-9.-]+\//i);
  });
});

describe('HTTP plumbing when the database is gone', () => {
  it('when the database stops answering, then /readyz says 503 while /healthz stays 200', async () => {
    const t = await testApp();
    await t.db.connection.db!.dropDatabase();
    await t.db.close();
    const ready = await t.request.get('/readyz').expect(503);
    expect(ready.body).to.include({ status: 503, title: 'Service Unavailable' });
    await t.request.get('/healthz').expect(200);
  });
});
