import express, { type RequestHandler } from 'express';
import { unsupportedMediaType } from './errors.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** API bodies are JSON only: anything else that carries a body is refused with 415 before it is read. */
export function jsonBody(limit: string): RequestHandler[] {
  const refuseOtherTypes: RequestHandler = (req, _res, next) => {
    if (req.is(JSON_TYPES) === false) throw unsupportedMediaType(`Send the body as application/json, not ${req.get('content-type') ?? 'untyped'}.`);
    next();
  };
  return [refuseOtherTypes, express.json({ limit, type: JSON_TYPES, strict: true })];
}
