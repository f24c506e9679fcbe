import { Router } from 'express';
import { describe } from '../http/describe.js';
import type { AppModule } from '../http/module.js';
import { validate } from '../http/validate.js';
import { recordCollections } from '../records/collections.js';
import { recordRoutes } from '../records/routes.js';
import { DECLARATIONS } from './collections.js';
import { declaredBy, declaredByQuerySchema, type DeclaredByQuery } from './declared-by.js';
import { declarationKind } from './kind.js';
import { declarationVerbs } from './routes.js';
import { declarationsService } from './service.js';

export const declarationsModule: AppModule = {
  name: 'declarations',
  mountPath: '/api/v1',
  collections: [{ name: DECLARATIONS, schema: 'declaration', indexes: declarationKind.indexes }, ...recordCollections],
  router(deps) {
    const { router: records, service: recordsOfKind } = recordRoutes(declarationKind, deps);
    const service = declarationsService(recordsOfKind, deps.db);
    const router = Router();
    router.use(declarationKind.path, declarationVerbs(service, deps), records);
    // The organisation itself belongs to the registers; this module answers only who declares it.
    router.get(
      '/organizations/:id/declared-by',
      describe({ summary: 'Officials whose current declaration names this organisation (tax id, else normalised name)', tags: ['declaration'], response: 'declaration.declaredBy', auth: 'optional' }),
      validate({ query: declaredByQuerySchema }, deps.schemas),
      async (req, res) => {
        res.json(await declaredBy(service, String(req.params.id), req.query as unknown as DeclaredByQuery, req.user));
      },
    );
    return router;
  },
};
