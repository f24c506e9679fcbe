import type { Document } from 'bson';

/**
 * The changes one command makes: journal records to append as one group, and the inverse of
 * each in-memory change so a failed append leaves memory as it was.
 */
export class WriteBatch {
  readonly records: Document[] = [];
  private readonly undos: Array<() => void> = [];

  record(record: Document, undo: () => void): void {
    this.records.push(record);
    this.undos.push(undo);
  }

  rollback(): void {
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]();
    this.undos.length = 0;
    this.records.length = 0;
  }
}
