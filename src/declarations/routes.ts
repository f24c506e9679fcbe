import { Router, type Request } from 'express';
import { requireUser } from '../http/auth.js';
import { describe } from '../http/describe.js';
import { badRequest } from '../http/errors.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import { streamCsv } from '../records/csv.js';
import { revisionFromIfMatch } from '../records/etag.js';
import type { StoredRecord } from '../records/kind.js';
import { recordContext, sendRecord } from '../records/routes.js';
import { declarationColumns } from './csv-columns.js';
import { listQuerySchema, type DeclarationListQuery } from './list-query.js';
import type { DeclarationsService } from './service.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const tags = ['declarations'];
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const updateQuery = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } };
const changesQuery = { type: 'object', additionalProperties: false, required: ['since'], properties: { since: objectId } };

function wantsCsv(req: Request): boolean {
  const { format } = req.query as unknown as DeclarationListQuery;
  if (format !== undefined) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function nextLink(req: Request, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) if (key !== 'cursor' && value !== undefined) params.set(key, String(value));
  params.set('cursor', cursor);
  return `<${req.baseUrl}?${params.toString()}>; rel="next"`;
}

/** Filings: drafts are created, replaced or patched (If-Match) and submitted once; then only read and compared. */
export function declarationsRouter(service: DeclarationsService, deps: ModuleDeps): Router {
  const router = Router();

  router.get(
    '/',
    describe({ summary: 'List declarations, newest first, by official, institution, type, year of submission or state (JSON or CSV)', tags, response: 'declaration[]' }),
    validate({ query: listQuerySchema }, deps.schemas),
    async (req, res) => {
      const query = req.query as unknown as DeclarationListQuery;
      if (wantsCsv(req)) {
        const cursor = service.stream(service.filter(query, req.user));
        try {
          await streamCsv(res, cursor, declarationColumns, (record: StoredRecord) => service.present(record, req.user), 'declarations.csv');
        } finally {
          await cursor.close();
        }
        return;
      }
      const page = await service.list(query, req.user);
      if (page.next !== null) res.set('Link', nextLink(req, page.next));
      res.json({ items: page.items, next: page.next, limit: query.limit });
    },
  );

  router.post(
    '/',
    describe({ summary: 'Start a draft declaration', tags, response: 'declaration', status: 201 }),
    requireUser,
    validate({ body: ['declaration', 'create'] }, deps.schemas),
    async (req, res) => {
      const key = req.get('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters.', [{ pointer: '/header/idempotency-key', message: 'is not valid' }]);
      }
      const answer = await service.create(req.body as Record<string, unknown>, recordContext(req), key);
      res.location(`${req.baseUrl}/${String(answer.body.id)}`);
      if (answer.replayed) res.set('Idempotent-Replayed', 'true');
      sendRecord(res, answer.status, answer.body, Number(answer.body.revision));
    },
  );

  router.get('/:id', describe({ summary: 'One declaration (a draft only for those who keep or oversee it)', tags, response: 'declaration' }), async (req, res) => {
    const record = await service.load(String(req.params.id), req.user);
    sendRecord(res, 200, service.present(record, req.user), record.revision);
  });

  for (const [method, mode, variant] of [['put', 'replace', 'create'], ['patch', 'merge', 'patch']] as const) {
    router[method](
      '/:id',
      describe({ summary: `${mode === 'replace' ? 'Replace' : 'Change fields of'} a draft declaration (If-Match required; a submitted one answers 409)`, tags, response: 'declaration' }),
      requireUser,
      validate({ body: ['declaration', variant], query: updateQuery }, deps.schemas),
      async (req, res) => {
        const ifMatch = revisionFromIfMatch(req.get('if-match'));
        const { reason } = req.query as { reason?: string };
        const record = await service.update(String(req.params.id), req.body as Record<string, unknown>, ifMatch, recordContext(req), mode, reason);
        sendRecord(res, 200, service.present(record, req.user), record.revision);
      },
    );
  }

  router.post('/:id/submit', describe({ summary: 'Submit a draft; from then on it never changes (If-Match required)', tags, response: 'declaration' }), requireUser, async (req, res) => {
    const ifMatch = revisionFromIfMatch(req.get('if-match'));
    const record = await service.submit(String(req.params.id), ifMatch, recordContext(req));
    sendRecord(res, 200, service.present(record, req.user), record.revision);
  });

  router.get('/:id/revisions', describe({ summary: 'Every version of a declaration: who, when, why, which fields', tags, response: 'revision[]' }), async (req, res) => {
    res.json({ items: await service.revisions(String(req.params.id), req.user) });
  });

  router.get(
    '/:id/changes',
    describe({ summary: 'What was added, removed and changed, section by section, since another filing of the same official', tags }),
    validate({ query: changesQuery }, deps.schemas),
    async (req, res) => {
      res.json(await service.changes(String(req.params.id), (req.query as { since: string }).since, req.user));
    },
  );

  return router;
}
