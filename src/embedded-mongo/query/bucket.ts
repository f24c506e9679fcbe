import type { Document } from 'bson';
import { $bucketAuto, $group, $sort } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';

type Stream = Parameters<typeof $group>[0];

/**
 * $bucket as MongoDB defines it: a value equal to a boundary belongs to the bucket that boundary
 * opens (mingo puts it in the previous one). Expressed as $group on a $switch over the ranges.
 */
export function bucketStage(coll: Stream, expr: Document, options: Options): Stream {
  const boundaries = expr.boundaries as unknown[];
  if (!Array.isArray(boundaries) || boundaries.length < 2) throw new Error("$bucket requires 'boundaries' with at least two values");
  const branches = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    branches.push({
      case: { $and: [{ $gte: [expr.groupBy, boundaries[i]] }, { $lt: [expr.groupBy, boundaries[i + 1]] }] },
      then: boundaries[i],
    });
  }
  const bucketOf =
    expr.default === undefined
      ? { $switch: { branches } }
      : { $switch: { branches, default: expr.default } };
  const output = (expr.output as Document | undefined) ?? { count: { $sum: 1 } };
  return $sort($group(coll, { _id: bucketOf, ...output }, options), { _id: 1 }, options);
}

/** $bucketAuto with each bucket's `_id` first, as MongoDB gives it (mingo puts `count` first). */
export function bucketAutoStage(coll: Stream, expr: Document, options: Options): Stream {
  return $bucketAuto(coll, expr as Parameters<typeof $bucketAuto>[1], options).map(({ _id, ...rest }: Document) => ({ _id, ...rest }));
}
