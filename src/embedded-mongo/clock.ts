/** A point of the server's logical clock: seconds since the epoch, then an ordinal within that second. */
export interface OpTime {
  t: number;
  i: number;
}

let last: OpTime = { t: 0, i: 0 };

/**
 * The next point of the process's logical clock, later than every one handed out before (as a replica set's oplog
 * timestamps are): what a write reports as its operationTime and what `$currentDate` stores as a timestamp.
 */
export function nextOpTime(): OpTime {
  const now = Math.floor(Date.now() / 1000);
  last = now > last.t ? { t: now, i: 1 } : { t: last.t, i: last.i + 1 };
  return last;
}
