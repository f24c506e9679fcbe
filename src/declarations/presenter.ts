interface Relative {
  relationship?: string;
  degree?: number;
}

/** DS 2 publishes only first-degree relatives in the direct line; the rest of the list is reserved. */
const PUBLISHED_RELATIONSHIPS = new Set(['parent', 'child']);
const isPublishedRelative = (relative: Relative) =>
  PUBLISHED_RELATIONSHIPS.has(String(relative.relationship)) && (relative.degree === undefined || relative.degree === 1);

/**
 * The declarations step of the shared presenter, which every answer goes through (reads, lists, CSV, revisions,
 * changes, declared-by): the search keys are never shown, not even to oversight, and the public sees only the
 * relatives the law publishes.
 */
export function presentDeclaration(shown: Record<string, unknown>, full: boolean): Record<string, unknown> {
  const { organizationKeys: _keys, ...rest } = shown;
  if (!full && Array.isArray(rest.relatives)) rest.relatives = (rest.relatives as Relative[]).filter(isPublishedRelative);
  return rest;
}
