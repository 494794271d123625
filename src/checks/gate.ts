/**
 * One gate for every scenario this process runs (a `check` runs one lesson; the grader runs many
 * lessons at once in one process). Scenarios pass it shared, up to a cap on how many are in
 * flight at once; a timing scenario's second run passes it exclusive: it waits until nothing
 * else runs, and nothing starts beside it, so its verdict is not made of another student's load.
 */
export class ScenarioGate {
  private shared = 0;
  private exclusive = false;
  private readonly waiting: Array<{ exclusive: boolean; go: () => void }> = [];

  constructor(private cap = Number.POSITIVE_INFINITY) {}

  /** The most scenarios in flight at once (the grader sets it for all its jobs together). */
  setCap(cap: number): void {
    this.cap = cap;
    this.wake();
  }

  /** Scenarios running now, beside the caller's. */
  get inFlight(): number {
    return this.shared + (this.exclusive ? 1 : 0);
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.pass(false, fn);
  }

  runAlone<T>(fn: () => Promise<T>): Promise<T> {
    return this.pass(true, fn);
  }

  private async pass<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    if (!this.mayEnter(exclusive) || this.waiting.length > 0) await new Promise<void>((go) => this.waiting.push({ exclusive, go }));
    else this.enter(exclusive);
    try {
      return await fn();
    } finally {
      if (exclusive) this.exclusive = false;
      else this.shared--;
      this.wake();
    }
  }

  private mayEnter(exclusive: boolean): boolean {
    if (this.exclusive) return false;
    return exclusive ? this.shared === 0 : this.shared < this.cap;
  }

  private enter(exclusive: boolean): void {
    if (exclusive) this.exclusive = true;
    else this.shared++;
  }

  /** First come, first served: a waiting exclusive run holds back the shared ones behind it. */
  private wake(): void {
    while (this.waiting.length > 0 && this.mayEnter(this.waiting[0]!.exclusive)) {
      const next = this.waiting.shift()!;
      this.enter(next.exclusive);
      next.go();
    }
  }
}

/** The process's gate: shared by every lesson run in it. */
export const scenarioGate = new ScenarioGate();
