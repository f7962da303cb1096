/**
 * One rendering of each ApiObject per synth. The app-wide checks read every object's JSON and
 * the output writes it: within an ExposeApp synth both use the same rendering instead of
 * calling `toJson()` twice. Outside one (a plain `App`, `Testing.synth`, a direct
 * `CrossObjectChecks.run()`), every call renders afresh, as before.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

const caches = new WeakMap<IConstruct, Map<ApiObject, any>>();

/** Runs `synth` with a rendering cache for the app `root`; the cache ends with it. */
export function withRenderCache<T>(root: IConstruct, synth: () => T): T {
  if (caches.has(root)) return synth();
  caches.set(root, new Map());
  try {
    return synth();
  } finally {
    caches.delete(root);
  }
}

/** `obj.toJson()`, rendered once per synth of the app `root` when a cache is open. */
export function renderOf(root: IConstruct, obj: ApiObject): any {
  const cache = caches.get(root);
  if (!cache) return obj.toJson();
  let json = cache.get(obj);
  if (json === undefined) cache.set(obj, json = obj.toJson());
  return json;
}
