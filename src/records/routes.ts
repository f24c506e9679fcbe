import { Router, type Request, type Response } from 'express';
import { auditContext } from '../audit/audit.js';
import { requireUser } from '../http/auth.js';
import { describe, type RouteDescription } from '../http/describe.js';
import { badRequest } from '../http/errors.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import { streamCsv } from './csv.js';
import { etagOf, revisionFromIfMatch } from './etag.js';
import type { RecordKind, StoredRecord } from './kind.js';
import type { ListQuery } from './list-filter.js';
import { kindListQuerySchema } from './list-parameters.js';
import { recordsService, type Answer, type RecordContext, type RecordsService } from './service.js';
import { calendarOf } from './calendar.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const updateQuery = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } };

export const recordContext = (req: Request): RecordContext => ({ user: req.user, ...auditContext(req) });

export function sendRecord(res: Response, status: number, body: Record<string, unknown>, revision: number): void {
  res.status(status).set('ETag', etagOf(revision)).json(body);
}

function wantsCsv(req: Request): boolean {
  const query = req.query as unknown as ListQuery;
  if (query.format !== undefined) return query.format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function nextLink(req: Request, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) if (key !== 'cursor' && value !== undefined) params.set(key, String(value));
  params.set('cursor', cursor);
  return `<${req.baseUrl}${req.path === '/' ? '' : req.path}?${params.toString()}>; rel="next"`;
}

/**
 * The routes every versioned kind shares: create (Idempotency-Key), list (cursor, Link, CSV), get (ETag),
 * replace and patch (If-Match), withdraw (reason), revisions. Returns the router and the service so a kind can add its own verbs.
 */
export function recordRoutes(kind: RecordKind, deps: ModuleDeps): { router: Router; service: RecordsService } {
  const service = recordsService(deps.db, deps.audit, deps.schemas, kind, calendarOf(deps.config.timeZone));
  const router = Router();
  const tags = [kind.kind];
  const said = kind.summaries ?? {};
  // Documentation only (the service enforces them): who writes, and whether reading needs a token at all.
  const writers: Pick<RouteDescription, 'roles' | 'auth'> = { roles: [...kind.access.createRoles], auth: 'required' };
  const readers: Pick<RouteDescription, 'auth'> = { auth: !kind.access.publicRead && kind.access.visibility === undefined ? 'required' : 'optional' };

  router.get(
    '/',
    describe({ summary: said.list ?? `List ${kind.kind} records, newest first (JSON or CSV)`, tags, response: `${kind.kind}[]`, ...readers }),
    validate({ query: kindListQuerySchema(kind) }, deps.schemas),
    async (req, res) => {
      const query = req.query as unknown as ListQuery;
      if (wantsCsv(req)) {
        const filter = await service.filter(query, req.user);
        const cursor = service.stream(filter);
        try {
          await streamCsv(res, cursor, kind.csvColumns, (record: StoredRecord) => service.present(record, req.user), `${kind.collection}.csv`);
        } finally {
          await cursor.close();
        }
        return;
      }
      const page = await service.list(query, req.user);
      if (page.next !== null) res.set('Link', nextLink(req, page.next));
      res.type('application/json; charset=utf-8').send(page.body);
    },
  );

  router.post(
    '/',
    describe({ summary: said.create ?? `Register a ${kind.kind}`, tags, response: kind.kind, status: 201, ...writers }),
    requireUser,
    validate({ body: [kind.kind, 'create'] }, deps.schemas),
    async (req, res) => {
      const key = req.get('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters.', [{ pointer: '/header/idempotency-key', message: 'is not valid' }]);
      }
      const answer: Answer = await service.create(req.body as Record<string, unknown>, recordContext(req), key);
      if (answer.location !== undefined) res.location(`${req.baseUrl}${answer.location.slice(kind.path.length)}`);
      if (answer.replayed) res.set('Idempotent-Replayed', 'true');
      sendRecord(res, answer.status, answer.body, Number(answer.body.revision));
    },
  );

  router.get('/:id', describe({ summary: said.get ?? `One ${kind.kind}`, tags, response: kind.kind, ...readers }), async (req, res) => {
    const { record, body } = await service.get(String(req.params.id), req.user);
    sendRecord(res, 200, body, record.revision);
  });

  for (const [method, mode, variant] of [['put', 'replace', 'create'], ['patch', 'merge', 'patch']] as const) {
    router[method](
      '/:id',
      describe({ summary: said[mode === 'replace' ? 'replace' : 'patch'] ?? `${mode === 'replace' ? 'Replace' : 'Change fields of'} a ${kind.kind} (If-Match required)`, tags, response: kind.kind, ...writers }),
      requireUser,
      validate({ body: [kind.kind, variant], query: updateQuery }, deps.schemas),
      async (req, res) => {
        const ifMatch = revisionFromIfMatch(req.get('if-match'));
        const reason = (req.query as { reason?: string }).reason;
        const record = await service.update(String(req.params.id), req.body as Record<string, unknown>, ifMatch, recordContext(req), mode, reason);
        sendRecord(res, 200, service.present(record, req.user), record.revision);
      },
    );
  }

  // A kind corrected by new records instead (filings) offers no withdrawal at all.
  if (kind.withdrawable !== false) {
    router.post(
      '/:id/withdraw',
      describe({ summary: `Withdraw a ${kind.kind} with a reason (If-Match required)`, tags, response: kind.kind, ...writers }),
      requireUser,
      validate({ body: ['common#/$defs/withdrawalRequest', 'create'] }, deps.schemas),
      async (req, res) => {
        const ifMatch = revisionFromIfMatch(req.get('if-match'));
        const record = await service.withdraw(String(req.params.id), (req.body as { reason: string }).reason, ifMatch, recordContext(req));
        sendRecord(res, 200, service.present(record, req.user), record.revision);
      },
    );
  }

  router.get('/:id/revisions', describe({ summary: said.revisions ?? `Every version of a ${kind.kind}: who, when, why, which fields`, tags, response: 'revision[]', list: 'whole', ...readers }), async (req, res) => {
    res.json({ items: await service.revisions(String(req.params.id), req.user) });
  });

  return { router, service };
}
