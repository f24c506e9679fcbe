import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly ownerPid: number,
  ) {
    super(`data directory ${dir} is in use by process ${ownerPid} (lock file ${join(dir, LOCK_FILE)})`);
    this.name = 'DataDirLockedError';
  }
}

export const LOCK_FILE = 'mongod.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const FRESH_MS = 2000;

function isFresh(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < FRESH_MS;
  } catch {
    return false;
  }
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Takes the directory's lock file, created exclusively and holding our pid. A lock whose pid is dead (the owner was
 * killed) is taken over; a live owner, including this very process, makes the open fail.
 * Returns the function that releases it.
 */
export function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner !== null && isAlive(owner)) throw new DataDirLockedError(dir, owner);
      // An empty lock file may belong to an opener that has created it but not yet written its pid.
      if (owner === null && isFresh(path)) throw new DataDirLockedError(dir, 0);
      // Stale: its owner is dead, or died between creating the file and writing its pid.
      try {
        unlinkSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (readOwner(path) === process.pid) unlinkSync(path);
    };
  }
  throw new Error(`could not take the lock file ${path}: it keeps reappearing`);
}
