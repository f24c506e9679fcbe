import type { Request } from 'express';
import { ObjectId, type ClientSession } from '../db/driver.js';
import type { Database } from '../db/database.js';
import type { AuditEvent } from '../types/schemas.js';
import type { Stored } from '../db/stored.js';

export const AUDIT_COLLECTION = 'audit';

export type AuditActor = AuditEvent['actor'];

export interface AuditEntry {
  action: string;
  subject: { kind: string; id: string };
  actor: AuditActor;
  reason?: string;
  changes?: string[];
  requestId?: string;
}

export interface Audit {
  /** Appends one event; pass the transaction's session so the event commits or rolls back with the change. */
  append(entry: AuditEntry, session?: ClientSession): Promise<void>;
}

export function createAudit(db: Database): Audit {
  const events = db.collection<Stored<AuditEvent>>(AUDIT_COLLECTION);
  return {
    async append(entry, session) {
      const event: Stored<AuditEvent> = { _id: new ObjectId(), at: new Date().toISOString(), ...withoutUndefined(entry) };
      await events.insertOne(event, { session });
    },
  };
}

/** The actor and request id of an HTTP request, to spread into an audit entry. */
export function auditContext(req: Request): { actor: AuditActor; requestId: string } {
  const actor: AuditActor = req.user ? { kind: 'user', id: req.user.id, role: req.user.role } : { kind: 'system' };
  return { actor, requestId: String(req.id) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
