import { Router } from 'express';
import type { Database } from '../db/database.js';
import { serviceUnavailable } from './errors.js';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await db.ping();
    } catch (error) {
      req.log?.warn({ err: error }, 'readiness check: database did not answer');
      throw serviceUnavailable('The database does not answer.');
    }
    res.json({ status: 'ready' });
  });
  return router;
}
