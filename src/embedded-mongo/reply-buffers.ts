/** Replies up to this size are copied into a reused buffer; larger ones into one of their own. */
const SLOT_BYTES = 64 * 1024;
/** Free slots kept for reuse; more are made when many replies wait on slow sockets, and left to the collector. */
const MAX_FREE_SLOTS = 64;

/**
 * Where one server's replies are encoded: once into a scratch buffer as large as any reply, then copied into a slot
 * that goes back on a free list when the socket has taken its bytes. A fresh buffer per reply (two, with the BSON
 * encoder's own) cost a list query more than its copies did, and such off-heap allocations bring on young
 * collections of their own, which at a large register pause the engine for tens of milliseconds each.
 */
export class ReplyBuffers {
  private scratch?: Buffer;
  private readonly free: Buffer[] = [];

  constructor(private readonly scratchBytes: number) {}

  /**
   * `encode` writes one reply from the start of the buffer it is given and returns its length. Gives the bytes to
   * send and what to call once they are sent (or failed to be): until then the bytes must not change.
   */
  take(encode: (into: Buffer) => number): { bytes: Buffer; release: () => void } {
    this.scratch ??= Buffer.allocUnsafeSlow(this.scratchBytes);
    const length = encode(this.scratch);
    if (length > SLOT_BYTES) return { bytes: Buffer.from(this.scratch.subarray(0, length)), release: () => {} };
    const slot = this.free.pop() ?? Buffer.allocUnsafeSlow(SLOT_BYTES);
    this.scratch.copy(slot, 0, 0, length);
    return {
      bytes: slot.subarray(0, length),
      release: () => {
        if (this.free.length < MAX_FREE_SLOTS) this.free.push(slot);
      },
    };
  }

  /** Slots ready for reuse (for tests). */
  get freeSlots(): number {
    return this.free.length;
  }
}
