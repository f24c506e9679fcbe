import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { auditContext } from '../audit/audit.js';
import { requireRole, requireUser, signToken } from '../http/auth.js';
import { describe } from '../http/describe.js';
import { tooManyRequests } from '../http/errors.js';
import type { ModuleDeps } from '../http/module.js';
import { validate } from '../http/validate.js';
import type { UserCredentials, UserInput, UserRoleChange } from '../types/schemas.js';
import { presentUser } from './presenter.js';
import { DatabaseRateLimitStore } from './rate-limit-store.js';
import { accountsService } from './service.js';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { $ref: 'https://registry.local/schemas/user.json#/$defs/role' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
};

export function authRouter(deps: ModuleDeps): Router {
  const accounts = accountsService(deps.db, deps.audit);
  const router = Router();
  const limiter = rateLimit({
    windowMs: deps.config.authRateLimit.windowMs,
    limit: deps.config.authRateLimit.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Shared by every instance of the service, and kept across restarts.
    store: new DatabaseRateLimitStore(deps.db, 'sign-in'),
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + deps.config.authRateLimit.windowMs) - Date.now()) / 1000));
      next(tooManyRequests('Too many sign-in attempts; try again later.', seconds));
    },
  });

  router.post(
    '/auth/token',
    describe({ summary: 'Exchange email and password for a bearer token', tags: ['auth'], response: 'token' }),
    limiter,
    validate({ body: ['user#/$defs/credentials', 'full'] }),
    async (req, res) => {
      const { email, password } = req.body as UserCredentials;
      const user = await accounts.signIn(email, password);
      res.json(signToken(deps.tokens, user._id.toHexString()));
    },
  );

  router.get('/me', describe({ summary: 'The signed-in account', tags: ['auth'], response: 'user' }), requireUser, async (req, res) => {
    res.json(presentUser(await accounts.requireUser(req.user!.id)));
  });
  return router;
}

export function usersRouter(deps: ModuleDeps): Router {
  const accounts = accountsService(deps.db, deps.audit);
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/', describe({ summary: 'List accounts', tags: ['users'], response: 'user[]', list: 'offset' }), validate({ query: listQuery }), async (req, res) => {
    const { role, limit, offset } = req.query as unknown as { role?: UserInput['role']; limit: number; offset: number };
    const [items, total] = await Promise.all([accounts.list({ role }, { limit, offset }), accounts.count({ role })]);
    res.json({ items: items.map(presentUser), total, limit, offset });
  });

  router.post('/', describe({ summary: 'Create an account', tags: ['users'], response: 'user' }), validate({ body: ['user', 'create'] }), async (req, res) => {
    const user = await accounts.create(req.body as UserInput, auditContext(req));
    res.status(201).location(`${req.baseUrl}/${user._id.toHexString()}`).json(presentUser(user));
  });

  router.get('/:id', describe({ summary: 'One account', tags: ['users'], response: 'user' }), async (req, res) => {
    res.json(presentUser(await accounts.requireUser(String(req.params.id))));
  });

  router.put(
    '/:id/role',
    describe({ summary: "Replace an account's role and its scope", tags: ['users'], response: 'user' }),
    validate({ body: ['user#/$defs/roleChange', 'create'] }),
    async (req, res) => {
      res.json(presentUser(await accounts.changeRole(String(req.params.id), req.body as UserRoleChange, auditContext(req))));
    },
  );

  router.post('/:id/disable', describe({ summary: 'Disable an account; its tokens stop working', tags: ['users'], response: 'user' }), async (req, res) => {
    res.json(presentUser(await accounts.setDisabled(String(req.params.id), true, auditContext(req))));
  });
  router.post('/:id/enable', describe({ summary: 'Enable a disabled account', tags: ['users'], response: 'user' }), async (req, res) => {
    res.json(presentUser(await accounts.setDisabled(String(req.params.id), false, auditContext(req))));
  });
  return router;
}
