/**
 * Collations in MongoDB's shape, carried out by ICU through `Intl.Collator`.
 * `key(s)` folds a string to a form that is equal for any two strings the collator deems equal, so it can serve as
 * the bucket of a unique index, of an equality lookup or of `distinct`.
 */
export interface CollationSpec {
  locale: string;
  strength?: number;
  caseLevel?: boolean;
  caseFirst?: string;
  numericOrdering?: boolean;
  alternate?: string;
  maxVariable?: string;
  backwards?: boolean;
  normalization?: boolean;
}

export class CollationError extends Error {
  readonly codeName: string;
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'CollationError';
    this.codeName = code === 14 ? 'TypeMismatch' : code === 40415 ? 'Location40415' : code === 40414 ? 'Location40414' : 'BadValue';
  }
}

const FIELD_TYPES: Record<keyof CollationSpec, 'string' | 'number' | 'boolean'> = {
  locale: 'string',
  strength: 'number',
  caseLevel: 'boolean',
  caseFirst: 'string',
  numericOrdering: 'boolean',
  alternate: 'string',
  maxVariable: 'string',
  backwards: 'boolean',
  normalization: 'boolean',
};

const CHOICES: Partial<Record<keyof CollationSpec, readonly string[]>> = {
  caseFirst: ['upper', 'lower', 'off'],
  alternate: ['non-ignorable', 'shifted'],
  maxVariable: ['punct', 'space'],
};

/** The fields mongod fills in when it echoes a collation back (listIndexes, listCollections). */
const DEFAULTS = {
  caseLevel: false,
  caseFirst: 'off',
  strength: 3,
  numericOrdering: false,
  alternate: 'non-ignorable',
  maxVariable: 'punct',
  normalization: false,
  backwards: false,
} as const;

/** MongoDB writes ICU locale ids with underscores (`fr_CA`); BCP 47 tags use hyphens. */
export function toLanguageTag(locale: string): string {
  return locale.replace(/_/g, '-');
}

/**
 * Validates a collation document as mongod does and fills in its defaults. Returns null for the simple (binary)
 * collation, whether asked for as `{locale: 'simple'}` or by giving none.
 */
export function normalizeCollation(spec: unknown): CollationSpec | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    throw new CollationError(14, `collation must be an object, not ${Array.isArray(spec) ? 'array' : typeof spec}`);
  }
  const given = spec as Record<string, unknown>;
  for (const [field, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (field === 'version') continue;
    if (!(field in FIELD_TYPES)) throw new CollationError(40415, `BSON field 'collation.${field}' is an unknown field.`);
    const expected = FIELD_TYPES[field as keyof CollationSpec];
    if (typeof value !== expected && !(expected === 'number' && isNumberLike(value))) {
      throw new CollationError(14, `BSON field 'collation.${field}' is the wrong type '${typeof value}', expected type '${expected}'`);
    }
  }
  if (given.locale === undefined) throw new CollationError(40414, "BSON field 'collation.locale' is missing but a required field");
  const locale = given.locale as string;
  if (locale === 'simple') return null;
  if (!isKnownLocale(locale)) throw new CollationError(2, `Field 'locale' is invalid in: { locale: "${locale}" }`);

  const out: CollationSpec = { locale, ...DEFAULTS };
  for (const field of Object.keys(FIELD_TYPES) as Array<keyof CollationSpec>) {
    if (field === 'locale' || given[field] === undefined) continue;
    const value = field === 'strength' ? Number(given[field]) : given[field];
    const choices = CHOICES[field];
    if (choices && !choices.includes(value as string)) {
      throw new CollationError(2, `Field '${field}' must be one of ${choices.map((c) => `'${c}'`).join(', ')}; got '${String(value)}'`);
    }
    (out as unknown as Record<string, unknown>)[field] = value;
  }
  if (!Number.isInteger(out.strength) || out.strength! < 1 || out.strength! > 5) {
    throw new CollationError(2, `Field 'strength' must be an integer 1 through 5. Got: ${String(out.strength)}`);
  }
  return out;
}

function isNumberLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { valueOf(): unknown }).valueOf() === 'number';
}

function isKnownLocale(locale: string): boolean {
  if (!/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*(@[a-z]+=[a-z0-9-]+)?$/.test(locale)) return false;
  const tag = toLanguageTag(locale.split('@')[0]);
  try {
    return Intl.Collator.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

export interface Collation {
  compare(a: string, b: string): number;
  key(s: string): string;
}

const SENSITIVITY: Record<number, Intl.CollatorOptions['sensitivity']> = { 1: 'base', 2: 'accent' };

export function collationOf(spec: CollationSpec): Collation {
  const strength = spec.strength ?? 3;
  let sensitivity = SENSITIVITY[strength] ?? 'variant';
  if (spec.caseLevel) sensitivity = sensitivity === 'base' ? 'case' : 'variant';
  const collator = new Intl.Collator(toLanguageTag(spec.locale.split('@')[0]), {
    usage: 'sort',
    sensitivity,
    caseFirst: spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? spec.caseFirst : 'false',
    numeric: spec.numericOrdering === true,
    ignorePunctuation: spec.alternate === 'shifted',
  });
  const folded = new Map<string, string>();

  /**
   * A character's stand-in: lower-cased, then stripped of accents, each step taken only when the collator still
   * calls the result equal. So under Spanish strength 1 'É' becomes 'e' but 'Ñ' stops at 'ñ' (its own letter).
   */
  const fold = (ch: string): string => {
    let rep = folded.get(ch);
    if (rep !== undefined) return rep;
    rep = ch;
    if (collator.compare(ch, '') === 0) rep = '';
    else {
      const lower = rep.toLowerCase();
      if (lower !== rep && collator.compare(lower, rep) === 0) rep = lower;
      const bare = rep.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
      if (bare !== rep && bare !== '' && collator.compare(bare, rep) === 0) rep = bare;
    }
    folded.set(ch, rep);
    return rep;
  };

  const foldDigits = spec.numericOrdering === true;
  return {
    compare: (a, b) => collator.compare(a, b),
    key: (s) => {
      let out = '';
      for (const ch of s.normalize('NFC')) out += fold(ch);
      // Under numeric ordering '007' and '7' are equal.
      return foldDigits ? out.replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, '')) : out;
    },
  };
}

const CACHE = new Map<string, Collation>();

/** Identifies a normalized collation; '' is the simple (binary) one. */
export function collationId(spec: CollationSpec | null | undefined): string {
  return spec ? JSON.stringify(spec) : '';
}

/** collationOf, built once per distinct collation: an ICU collator is costly to create. */
export function cachedCollation(spec: CollationSpec): Collation {
  const id = collationId(spec);
  let collation = CACHE.get(id);
  if (!collation) {
    collation = collationOf(spec);
    if (CACHE.size > 256) CACHE.clear();
    CACHE.set(id, collation);
  }
  return collation;
}

/** A value with every string in it, nested ones included, replaced by its key under the collation. */
export function collationKeyOf(value: unknown, collation: Collation): unknown {
  if (typeof value === 'string') return collation.key(value);
  if (Array.isArray(value)) return value.map((item) => collationKeyOf(item, collation));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = collationKeyOf(item, collation);
    return out;
  }
  return value;
}
