import type { ClientRateLimitInfo, IncrementResponse, Store } from 'express-rate-limit';
import type { Database } from '../db/database.js';

export const RATE_LIMITS = 'rateLimits';

interface StoredCounter {
  _id: string;
  hits: number;
  resetAt: Date;
}

/**
 * express-rate-limit's counters kept in the database instead of each process's memory: with several instances of
 * the service (`WEB_CONCURRENCY`, or several machines) a client meets one limit, not one per instance, and a restart
 * does not wipe the count. Each hit is one atomic update that either counts within the current window or starts a
 * new one, so concurrent hits on different instances are all counted.
 */
export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;

  constructor(
    private readonly db: Database,
    /** Names the limit: counters of different limits never meet. */
    readonly prefix: string,
  ) {}

  init(options: { windowMs: number }): void {
    this.windowMs = options.windowMs;
  }

  private get counters() {
    return this.db.collection<StoredCounter>(RATE_LIMITS);
  }

  private id(key: string): string {
    return `${this.prefix}:${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const counter = await this.counters.findOne({ _id: this.id(key) });
    if (counter === null || counter.resetAt.getTime() <= Date.now()) return undefined;
    return { totalHits: counter.hits, resetTime: counter.resetAt };
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = new Date();
    const current = { $gt: ['$resetAt', now] };
    const counter = await this.counters.findOneAndUpdate(
      { _id: this.id(key) },
      [{ $set: { hits: { $cond: [current, { $add: ['$hits', 1] }, 1] }, resetAt: { $cond: [current, '$resetAt', new Date(now.getTime() + this.windowMs)] } } }],
      { upsert: true, returnDocument: 'after' },
    );
    return { totalHits: counter!.hits, resetTime: counter!.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.counters.updateOne({ _id: this.id(key), hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  /** Starts the client's count again (the counter is kept, at zero). */
  async resetKey(key: string): Promise<void> {
    await this.counters.updateOne({ _id: this.id(key) }, { $set: { hits: 0 } });
  }
}
