/**
 * Reads computed once per request and shared by the parts of a page that need them: the menu
 * and the home page both show the page tree, and a content page reads it to find its ancestors.
 * A failed read stays failed for the rest of the request.
 */
export class RequestMemo {
  readonly #values = new Map<string, Promise<unknown>>();

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.#values.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = compute();
      this.#values.set(key, value);
    }
    return value;
  }
}

/** `memo.get(key, compute)`, or `compute()` when there is no memo (a read outside a request). */
export function memoized<T>(memo: RequestMemo | undefined, key: string, compute: () => Promise<T>): Promise<T> {
  return memo ? memo.get(key, compute) : compute();
}
