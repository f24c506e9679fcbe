import { Router } from 'express';
import { requireUser } from '../http/auth.js';
import { describe } from '../http/describe.js';
import { conflict } from '../http/errors.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import { revisionFromIfMatch } from '../records/etag.js';
import { recordContext, sendRecord } from '../records/routes.js';
import type { RecordsService } from '../records/service.js';

/** The official's answer to an audience request: once, dated by the server; the compliance scan judges its delay. */
export function answerRouter(deps: ModuleDeps, requests: RecordsService): Router {
  const router = Router();
  router.post(
    '/:id/answer',
    describe({ summary: 'Answer an audience request (If-Match required)', tags: ['audience-request'], response: 'audience-request' }),
    requireUser,
    validate({ body: ['audience-request#/$defs/answer', 'create'] }, deps.schemas),
    async (req, res) => {
      const ifMatch = revisionFromIfMatch(req.get('if-match'));
      const answer = req.body as Record<string, unknown>;
      const record = await requests.transition(String(req.params.id), ifMatch, recordContext(req), 'answer', answer.reason as string | undefined, (current, now) => {
        if (current.answer !== undefined) throw conflict('This request is already answered.');
        if (current.status === 'withdrawn') throw conflict('A withdrawn request cannot be answered.');
        return { answer: { ...answer, at: now, by: req.user!.id } };
      });
      sendRecord(res, 200, requests.present(record, req.user), record.revision);
    },
  );
  return router;
}
