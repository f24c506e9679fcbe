import type { RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import type { Config } from '../config.js';
import { forbidden, unauthorized } from './errors.js';
import type { AuthUser, Role } from './types.js';

export interface TokenSettings {
  secret: string;
  algorithm: Config['jwt']['algorithm'];
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export function signToken(settings: TokenSettings, userId: string, now = Date.now()): { token: string; expiresAt: string } {
  const issuedAt = Math.floor(now / 1000);
  const exp = issuedAt + settings.ttlSeconds;
  const token = jwt.sign({ iat: issuedAt, exp }, settings.secret, {
    algorithm: settings.algorithm,
    issuer: settings.issuer,
    audience: settings.audience,
    subject: userId,
  });
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Returns the subject (user id); the algorithm is pinned so `none` or a public-key algorithm can never be accepted. */
export function verifyToken(settings: TokenSettings, token: string): string {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, settings.secret, {
      algorithms: [settings.algorithm],
      issuer: settings.issuer,
      audience: settings.audience,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw unauthorized('The token has expired.');
    throw unauthorized('The token is not valid.');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || payload.exp === undefined) {
    throw unauthorized('The token is not valid.');
  }
  return payload.sub;
}

/**
 * Optional Bearer authentication: without an Authorization header the request goes on anonymous;
 * with one, it must carry a valid token of an active user, or the request stops with 401.
 */
export function createAuthenticate(
  settings: TokenSettings,
  loadActiveUser: (id: string) => Promise<AuthUser | undefined>,
): RequestHandler {
  return async (req, _res, next) => {
    if (req.user !== undefined) return next();
    const header = req.get('authorization');
    if (header === undefined) return next();
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header.trim());
    if (match === null) throw unauthorized('Use "Authorization: Bearer <token>".');
    const user = await loadActiveUser(verifyToken(settings, match[1]));
    if (user === undefined) throw unauthorized('The token is not valid.');
    req.user = user;
    next();
  };
}

export const requireUser: RequestHandler & { authenticated: true } = Object.assign(
  ((req, _res, next) => {
    if (req.user === undefined) throw unauthorized();
    next();
  }) as RequestHandler,
  { authenticated: true as const },
);

/** Metadata left on the middleware so the OpenAPI document can show who may call a route. */
export interface RoleMiddleware extends RequestHandler {
  roles: Role[];
}

export function requireRole(...roles: Role[]): RoleMiddleware {
  const middleware: RequestHandler = (req, _res, next) => {
    if (req.user === undefined) throw unauthorized();
    if (!roles.includes(req.user.role)) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
    next();
  };
  return Object.assign(middleware, { roles });
}
