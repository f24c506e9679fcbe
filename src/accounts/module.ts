import { Router } from 'express';
import { AUDIT_COLLECTION } from '../audit/audit.js';
import type { AppModule } from '../http/module.js';
import { RATE_LIMITS } from './rate-limit-store.js';
import { CREDENTIALS, GUARDS, USERS } from './repository.js';
import { authRouter, usersRouter } from './routes.js';

export const accountsModule: AppModule = {
  name: 'accounts',
  mountPath: '/api/v1',
  collections: [
    { name: USERS, schema: 'user', indexes: [{ key: { email: 1 }, name: 'email_unique', unique: true }, { key: { role: 1, email: 1 }, name: 'role_email' }] },
    { name: CREDENTIALS, schema: 'credential' },
    { name: GUARDS, schema: 'guard' },
    // Counters past their window are dropped by a real MongoDB (the embedded engine keeps them: one small document a client).
    { name: RATE_LIMITS, schema: 'rate-limit', indexes: [{ key: { resetAt: 1 }, name: 'reset_at', expireAfterSeconds: 0 }] },
    { name: AUDIT_COLLECTION, schema: 'audit-event', indexes: [{ key: { 'subject.kind': 1, 'subject.id': 1, at: 1 }, name: 'subject_at' }, { key: { at: 1 }, name: 'at' }] },
  ],
  router(deps) {
    const router = Router();
    router.use(authRouter(deps));
    router.use('/users', usersRouter(deps));
    return router;
  },
};
