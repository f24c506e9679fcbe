import type { RequestHandler } from 'express';

export interface RouteDescription {
  summary: string;
  tags?: string[];
  /** The success body: a kind ("meeting"), a list of one ("meeting[]"), or a name the OpenAPI document knows ("token"). */
  response?: string;
  /** Set when the route answers 201 or 204 instead of 200. */
  status?: number;
}

export interface DescribeMiddleware extends RequestHandler {
  description: RouteDescription;
}

/** Does nothing at request time; the OpenAPI document reads the description from the route it sits in. */
export function describe(description: RouteDescription): DescribeMiddleware {
  const middleware: RequestHandler = (_req, _res, next) => next();
  return Object.assign(middleware, { description });
}
