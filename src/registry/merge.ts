import { Router } from 'express';
import { requireRole } from '../http/auth.js';
import { describe } from '../http/describe.js';
import { conflict, preconditionFailed } from '../http/errors.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import { revisionFromIfMatch } from '../records/etag.js';
import { recordContext, sendRecord } from '../records/routes.js';
import type { RecordsService } from '../records/service.js';
import { mergedDedupKey } from './organizations.js';

/**
 * Oversight merges a duplicate organisation into the one addressed. Nothing is lost: the duplicate stays, with
 * `mergedInto`, and both keep their histories; the survivor's `mergedFrom` makes the organisation filter find
 * entries that name either.
 */
export function mergeRouter(deps: ModuleDeps, organizations: RecordsService): Router {
  const router = Router();
  router.post(
    '/:id/merge',
    describe({ summary: 'Merge a duplicate organisation into this one (If-Match of this one required)', tags: ['organization'], response: 'organization' }),
    requireRole('oversight', 'admin'),
    validate({ body: ['organization#/$defs/merge', 'create'] }, deps.schemas),
    async (req, res) => {
      const ifMatch = revisionFromIfMatch(req.get('if-match'));
      const { duplicate: duplicateId, reason } = req.body as { duplicate: string; reason: string };
      const context = recordContext(req);
      const survivor = await organizations.load(String(req.params.id), req.user);
      const duplicate = await organizations.load(duplicateId, req.user);
      if (survivor.revision !== ifMatch) throw preconditionFailed(`The organization is at revision ${survivor.revision}; read it again.`);
      if (String(survivor._id) === String(duplicate._id)) throw conflict('An organisation cannot be merged into itself.', [{ pointer: '/duplicate', message: 'is this organisation' }]);
      for (const [record, pointer] of [[survivor, '/'], [duplicate, '/duplicate']] as const) {
        if (record.mergedInto !== undefined) throw conflict('A merged organisation cannot take part in another merge.', [{ pointer, message: `is merged into ${String(record.mergedInto)}` }]);
        if (record.status === 'withdrawn') throw conflict('A withdrawn organisation cannot be merged.', [{ pointer, message: 'is withdrawn' }]);
      }
      const absorbed = [String(duplicate._id), ...((duplicate.mergedFrom as string[] | undefined) ?? [])];
      const mergedFrom = [...new Set([...((survivor.mergedFrom as string[] | undefined) ?? []), ...absorbed])];
      const [updated] = await organizations.changeTogether(
        [
          { current: survivor, set: { mergedFrom }, action: 'merge' },
          { current: duplicate, set: { mergedInto: String(survivor._id), dedupKey: mergedDedupKey(duplicate._id) }, action: 'merged-into' },
        ],
        context,
        reason,
      );
      sendRecord(res, 200, organizations.present(updated, req.user), updated.revision);
    },
  );
  return router;
}
