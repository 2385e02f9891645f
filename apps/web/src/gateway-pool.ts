/**
 * Order in which requests try the gateways: round robin over all of them,
 * with a gateway that refused a connection in the last cooldownMs tried
 * only after the others.
 */
export class GatewayPool {
  private nextIndex = 0;
  private readonly failedUntil = new Map<string, number>();

  constructor(
    readonly urls: readonly URL[],
    private readonly cooldownMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {
    if (urls.length === 0) {
      throw new Error('GatewayPool needs at least one gateway URL');
    }
  }

  /** Returns every gateway once, in the order one request should try them. */
  candidates(): URL[] {
    const start = this.nextIndex;
    this.nextIndex = (this.nextIndex + 1) % this.urls.length;

    const rotated = [...this.urls.slice(start), ...this.urls.slice(0, start)];
    const now = this.now();
    const available = rotated.filter((url) => !this.isCoolingDown(url, now));
    const coolingDown = rotated.filter((url) => this.isCoolingDown(url, now));

    return [...available, ...coolingDown];
  }

  markFailed(url: URL): void {
    this.failedUntil.set(url.href, this.now() + this.cooldownMs);
  }

  markAvailable(url: URL): void {
    this.failedUntil.delete(url.href);
  }

  private isCoolingDown(url: URL, now: number): boolean {
    const until = this.failedUntil.get(url.href);

    return until !== undefined && until > now;
  }
}
