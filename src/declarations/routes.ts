import { Router } from 'express';
import { requireUser } from '../http/auth.js';
import { describe } from '../http/describe.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import { revisionFromIfMatch } from '../records/etag.js';
import { recordContext, sendRecord } from '../records/routes.js';
import { declarationAccess } from './access.js';
import type { DeclarationsService } from './service.js';

const tags = ['declaration'];
const changesQuery = { type: 'object', additionalProperties: false, required: ['since'], properties: { since: { type: 'string', pattern: '^[0-9a-f]{24}$' } } };

/** The verbs filings add to the shared record routes: submit once, then only compare. */
export function declarationVerbs(service: DeclarationsService, deps: ModuleDeps): Router {
  const router = Router();

  router.post('/:id/submit', describe({ summary: 'Submit a draft; from then on it never changes (If-Match required)', tags, response: 'declaration', roles: [...declarationAccess.createRoles], auth: 'required' }), requireUser, async (req, res) => {
    const ifMatch = revisionFromIfMatch(req.get('if-match'));
    const record = await service.submit(String(req.params.id), ifMatch, recordContext(req));
    sendRecord(res, 200, service.present(record, req.user), record.revision);
  });

  router.get(
    '/:id/changes',
    describe({ summary: 'What was added, removed and changed, section by section, since another filing of the same official', tags, response: 'declaration.changes', auth: 'optional' }),
    validate({ query: changesQuery }, deps.schemas),
    async (req, res) => {
      res.json(await service.changes(String(req.params.id), (req.query as { since: string }).since, req.user));
    },
  );

  return router;
}
