/** Strings longer than this are stored as they come: long texts rarely repeat. */
const MAX_LENGTH = 64;
/** Past this many distinct strings the pool stops growing and only shares what it holds. */
const MAX_ENTRIES = 1 << 20;
/** Strings seen once are remembered among this many; a string seen again meanwhile joins the pool. */
const WINDOW = 1 << 16;

/**
 * One copy of each short string the stored documents repeat. Registers repeat their short strings endlessly (codes,
 * states, kinds, names, and every search word in each record's word list and in the word index), and a string
 * decoded from BSON is a new heap object each time. Sharing one copy makes a large collection's heap hold a fraction
 * of the objects: less for the collector to trace, fewer cache misses per document read, and an index key that
 * points at a string many others share. Strings cannot tell copies apart, so nothing else notices.
 *
 * A string joins the pool the second time it is seen within a window of first sightings, so strings that never repeat
 * (times, e-mail addresses) neither fill the pool nor slow its lookups.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(private readonly limits = { maxLength: MAX_LENGTH, maxEntries: MAX_ENTRIES, window: WINDOW }) {}

  get size(): number {
    return this.strings.size;
  }

  private shared(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.seenOnce.delete(value)) {
      if (this.strings.size < this.limits.maxEntries) this.strings.set(value, value);
    } else {
      if (this.seenOnce.size >= this.limits.window) this.seenOnce.clear();
      this.seenOnce.add(value);
    }
    return value;
  }

  /** Replaces, in place, each short string of a document to be stored, nested ones too, by the pool's copy of it. */
  share(value: object): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'string') {
          if (item.length <= this.limits.maxLength) value[i] = this.shared(item);
        } else if (typeof item === 'object' && item !== null) this.share(item);
      }
      return;
    }
    // Plain documents only: BSON values (ObjectId, Binary, Long...) and dates keep what they hold.
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return;
    const fields = value as Record<string, unknown>;
    for (const name in fields) {
      const field = fields[name];
      if (typeof field === 'string') {
        // An own field named __proto__ is set like any other: assignment finds it before the prototype's setter.
        if (field.length <= this.limits.maxLength) fields[name] = this.shared(field);
      } else if (typeof field === 'object' && field !== null) this.share(field);
    }
  }
}
