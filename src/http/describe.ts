import type { RequestHandler } from 'express';
import type { Role } from './types.js';

/**
 * How a list response is shaped: `cursor` is `{ items, next, limit }` (the record lists, with a `Link: rel="next"`),
 * `offset` is `{ items, total, limit, offset }`, `whole` is `{ items }` with every item at once.
 */
export type ListShape = 'cursor' | 'offset' | 'whole';

export interface RouteDescription {
  summary: string;
  tags?: string[];
  /** The success body: a kind ("meeting"), a list of one ("meeting[]"), or a name the OpenAPI document knows ("token"). */
  response?: string;
  /** The shape of a list response ("meeting[]"); `cursor` when not said. */
  list?: ListShape;
  /** Set when the route answers 201 or 204 instead of 200. */
  status?: number;
  /**
   * Documentation only, for routes whose roles are checked in the service rather than by `requireRole`:
   * the roles shown in the OpenAPI document. Nothing is enforced here.
   */
  roles?: Role[];
  /**
   * Documentation only: `required` when the route refuses anonymous calls (checked in the service),
   * `optional` when anyone may call it but a signed-in caller may see more.
   */
  auth?: 'required' | 'optional';
}

export interface DescribeMiddleware extends RequestHandler {
  description: RouteDescription;
}

/** Does nothing at request time; the OpenAPI document reads the description from the route it sits in. */
export function describe(description: RouteDescription): DescribeMiddleware {
  const middleware: RequestHandler = (_req, _res, next) => next();
  return Object.assign(middleware, { description });
}
