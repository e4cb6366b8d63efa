/**
 * happy-dom has no Web Locks API (its `navigator.locks` is null); browsers, extension pages and
 * service workers all have one. For unit tests: exclusive locks, granted in request order, one
 * holder per name at a time, as the browser grants them within one origin.
 */
class ExclusiveLocks {
  readonly #tails = new Map<string, Promise<unknown>>();

  request<T>(
    name: string,
    optionsOrCallback: object | ((lock: { name: string }) => Promise<T>),
    maybeCallback?: (lock: { name: string }) => Promise<T>,
  ): Promise<T> {
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const run = previous.then(() => callback({ name }));
    this.#tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

Object.defineProperty(globalThis.navigator, 'locks', {
  value: new ExclusiveLocks(),
  configurable: true,
});
