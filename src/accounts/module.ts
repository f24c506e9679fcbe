import { Router } from 'express';
import { AUDIT_COLLECTION } from '../audit/audit.js';
import type { AppModule } from '../http/module.js';
import { CREDENTIALS, USERS } from './repository.js';
import { authRouter, usersRouter } from './routes.js';

export const accountsModule: AppModule = {
  name: 'accounts',
  mountPath: '/api/v1',
  collections: [
    { name: USERS, schema: 'user', indexes: [{ key: { email: 1 }, name: 'email_unique', unique: true }, { key: { role: 1, email: 1 }, name: 'role_email' }] },
    { name: CREDENTIALS, schema: 'credential' },
    { name: AUDIT_COLLECTION, schema: 'audit-event', indexes: [{ key: { 'subject.kind': 1, 'subject.id': 1, at: 1 }, name: 'subject_at' }, { key: { at: 1 }, name: 'at' }] },
  ],
  router(deps) {
    const router = Router();
    router.use(authRouter(deps));
    router.use('/users', usersRouter(deps));
    return router;
  },
};
