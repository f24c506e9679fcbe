import { expect } from 'chai';
import { Router } from 'express';
import type { AppModule } from '../../src/http/module.js';
import { modules } from '../../src/modules.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

const SECRET = 'connection string mongodb://keeper:s3cret@db/registry';

/** Routes that fail the way a bug would: an error the handler does not know. */
const failing: AppModule = {
  name: 'failing',
  mountPath: '/',
  collections: [],
  router() {
    const router = Router();
    router.get(['/boom', '/api/boom'], () => {
      throw new Error(SECRET);
    });
    return router;
  },
};

describe('error pages', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ modules: [...modules, failing] });
  });
  after(() => t?.close());

  it('when a page fails unexpectedly for a browser, then a rendered 500 page comes back with a reference and no stack or message', async () => {
    const res = await t.request.get('/boom').set('Accept', 'text/html').expect(500);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('500 · Internal Server Error').and.to.contain(String(res.headers['x-request-id']));
    expect(res.text).not.to.contain('s3cret').and.not.to.contain('Error:').and.not.to.match(/\bat .+\.ts:\d+/);
  });

  it('when an API route fails unexpectedly, then 500 problem+json without the message, even for a browser', async () => {
    const res = await t.request.get('/api/boom').set('Accept', 'text/html').expect(500);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ status: 500, title: 'Internal Server Error' });
    expect(res.text).not.to.contain('s3cret').and.not.to.contain('.ts:');
  });

  it('when a browser asks an unknown /api route, then it is still a 404 problem+json; an unknown page is a rendered 404', async () => {
    const api = await t.request.get('/api/v1/no-such-thing').set('Accept', 'text/html').expect(404);
    expect(api.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(api.body).to.include({ status: 404, instance: '/api/v1/no-such-thing' });
    const page = await t.request.get('/no-such-page').set('Accept', 'text/html').expect(404);
    expect(page.headers['content-type']).to.match(/^text\/html/);
    expect(page.text).to.contain('<h1>404 · Not Found</h1>');
  });
});
