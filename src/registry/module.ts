import { Router } from 'express';
import type { AppModule } from '../http/module.js';
import { recordCollections } from '../records/collections.js';
import type { RecordKind } from '../records/kind.js';
import { recordRoutes } from '../records/routes.js';
import { answerRouter } from './answers.js';
import { attestationKind } from './attestations.js';
import { audienceRequestKind } from './audience-requests.js';
import { giftKind } from './gifts.js';
import { institutionKind } from './institutions.js';
import { meetingKind } from './meetings.js';
import { mergeRouter } from './merge.js';
import { officialKind } from './officials.js';
import { organizationKind } from './organizations.js';
import { personKind } from './people.js';
import { tripKind } from './trips.js';

export const REGISTER_KINDS: RecordKind[] = [
  institutionKind, officialKind, personKind, organizationKind, meetingKind, tripKind, giftKind, attestationKind, audienceRequestKind,
];

/** The Lobby Act registers and their reference data, each kind with the shared versioned-record routes. */
export const registryModule: AppModule = {
  name: 'registry',
  mountPath: '/api/v1',
  collections: [...REGISTER_KINDS.map((kind) => ({ name: kind.collection, schema: kind.kind, indexes: kind.indexes })), ...recordCollections],
  router(deps) {
    const router = Router();
    for (const kind of REGISTER_KINDS) {
      const { router: kindRouter, service } = recordRoutes(kind, deps);
      if (kind === organizationKind) router.use(kind.path, mergeRouter(deps, service));
      if (kind === audienceRequestKind) router.use(kind.path, answerRouter(deps, service));
      router.use(kind.path, kindRouter);
    }
    return router;
  },
};
