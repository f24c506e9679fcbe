import type { Document } from 'bson';

interface Version {
  /** Commit sequence of the change that replaced `before`. */
  seq: number;
  /** The document as it was until that change; undefined when it did not exist. */
  before: Document | undefined;
}

/**
 * Before-images of committed changes, kept only while a transaction is open. A reader at
 * snapshot S sees, for a changed document, the before-image of its first change after S; for
 * every other document the current version is the one it would have seen.
 */
export class VersionHistory {
  private readonly byNs = new Map<string, Map<string, Version[]>>();
  private entries = 0;

  get size(): number {
    return this.entries;
  }

  record(ns: string, idKey: string, before: Document | undefined, seq: number): void {
    let docs = this.byNs.get(ns);
    if (!docs) {
      docs = new Map();
      this.byNs.set(ns, docs);
    }
    const versions = docs.get(idKey);
    if (versions) versions.push({ seq, before });
    else docs.set(idKey, [{ seq, before }]);
    this.entries++;
  }

  /** Whether the document was changed by a commit after the snapshot. */
  changedSince(ns: string, idKey: string, snapshot: number): boolean {
    const versions = this.byNs.get(ns)?.get(idKey);
    return versions !== undefined && versions[versions.length - 1].seq > snapshot;
  }

  /** Every document changed after the snapshot, with the version the snapshot sees (undefined: absent). */
  visibleAt(ns: string, snapshot: number): Map<string, Document | undefined> {
    const out = new Map<string, Document | undefined>();
    const docs = this.byNs.get(ns);
    if (!docs) return out;
    for (const [idKey, versions] of docs) {
      if (versions[versions.length - 1].seq <= snapshot) continue;
      const first = versions.find((v) => v.seq > snapshot)!;
      out.set(idKey, first.before);
    }
    return out;
  }

  /** Drops what no open snapshot can need: versions replaced at or before the oldest snapshot. */
  prune(oldestSnapshot: number): void {
    for (const [ns, docs] of this.byNs) {
      for (const [idKey, versions] of docs) {
        const keep = versions.filter((v) => v.seq > oldestSnapshot);
        this.entries -= versions.length - keep.length;
        if (keep.length === 0) docs.delete(idKey);
        else if (keep.length !== versions.length) docs.set(idKey, keep);
      }
      if (docs.size === 0) this.byNs.delete(ns);
    }
  }

  clear(): void {
    this.byNs.clear();
    this.entries = 0;
  }
}
