/** What the choice of an official's current filing needs to know about each submitted filing. */
export interface Filing {
  id: string;
  type: string;
  rectifies?: string;
  submittedAt: string;
}

/**
 * An official's current declaration among their submitted filings. A rectification stands in for the filing it
 * corrects: the corrected one drops out, and the rectification takes its place in time (the date of the filing
 * it ultimately corrects), so correcting last year's filing does not make it newer than this year's. Among what
 * remains the latest in that order wins; on a tie (rectifications of the same filing), the last submitted.
 */
export function latestFiling<T extends Filing>(filings: readonly T[]): T | undefined {
  const byId = new Map(filings.map((filing) => [filing.id, filing]));
  const corrected = new Set(filings.filter((filing) => filing.type === 'rectification').map((filing) => filing.rectifies));
  const placeInTime = (filing: T): string => {
    let current: T = filing;
    const seen = new Set<string>();
    while (current.type === 'rectification' && current.rectifies !== undefined && !seen.has(current.id)) {
      seen.add(current.id);
      const target = byId.get(current.rectifies);
      if (target === undefined) break;
      current = target;
    }
    return current.submittedAt;
  };
  let best: { filing: T; at: string } | undefined;
  for (const filing of filings) {
    if (corrected.has(filing.id)) continue;
    const at = placeInTime(filing);
    if (best === undefined || at > best.at || (at === best.at && filing.submittedAt > best.filing.submittedAt)) best = { filing, at };
  }
  return best?.filing;
}
