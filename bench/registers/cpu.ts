import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/** Clock ticks per second as Linux reports process times in /proc; 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) a process has used so far, read from /proc; undefined where there is no /proc.
 * With the figures before and after a run, each process's CPU per request tells where the time goes.
 */
export function cpuMilliseconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The machine's CPU time so far, in ticks: all of it, and what the hypervisor gave to others (steal). */
export function machineTicks(): { total: number; stolen: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: ticks.reduce((sum, n) => sum + n, 0), stolen: ticks[7] };
  } catch {
    return undefined;
  }
}

/** Starts adding up this process's collector pauses; the function returns the total so far, ms. */
export function collectorPauses(): () => number {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  return () => total;
}
