type Listener = (...args: unknown[]) => void;

/**
 * A small typed event emitter that runs in browsers and in Node. A listener
 * that throws does not stop the others; its error goes to onListenerError.
 */
export class Emitter<Events extends { [name: string]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as unknown as Listener);

    return this;
  }

  off<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): this {
    this.listeners.get(event)?.delete(listener as unknown as Listener);

    return this;
  }

  /** Resolves with the arguments of the next event that matches. */
  once<E extends keyof Events>(event: E, predicate: (...args: Events[E]) => boolean = () => true): Promise<Events[E]> {
    return new Promise((resolve) => {
      const listener = (...args: Events[E]) => {
        if (!predicate(...args)) return;
        this.off(event, listener);
        resolve(args);
      };
      this.on(event, listener);
    });
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as unknown as (...args: Events[E]) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
