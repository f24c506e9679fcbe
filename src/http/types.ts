// pino-http declares req.id (the request id) on every request.
import type {} from 'pino-http';

export type Role = 'admin' | 'oversight' | 'registrar' | 'official';
export const ROLES: readonly Role[] = ['admin', 'oversight', 'registrar', 'official'];

/** Who is calling, as loaded from the users collection on every request (so role changes and disabling act at once). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** Institution codes a registrar keeps registers for. */
  institutions: string[];
  /** The official's code when role is `official`. */
  official?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}
