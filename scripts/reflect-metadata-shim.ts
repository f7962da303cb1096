/**
 * The smallest `Reflect` metadata API that @peculiar/x509's dependency tsyringe checks for
 * at load time (`getMetadata`, `getOwnMetadata`, `defineMetadata`). The project has no
 * `reflect-metadata` dependency; with one installed, import it instead and delete this file.
 * Installed only when missing; import before `@peculiar/x509`.
 */
type MetadataMap = Map<unknown, unknown>;
const store = new WeakMap<object, MetadataMap>();

interface ReflectWithMetadata {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
}

const R = Reflect as unknown as ReflectWithMetadata;
if (typeof R.getMetadata !== 'function') {
  R.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  R.getMetadata = (key, target) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const map = store.get(t);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  R.defineMetadata = (key, value, target) => {
    let map = store.get(target);
    if (!map) store.set(target, (map = new Map()));
    map.set(key, value);
  };
}

export {};
