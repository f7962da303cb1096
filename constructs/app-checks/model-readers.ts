/**
 * Readers: what turns the objects of some kinds into routes, references and issued Secrets of
 * the app model. Each routing target brings the reader of the kinds it emits (its rule families
 * carry it, `RuleFamily.readers`; the topology uses the built-in targets' readers always).
 *
 * Which reader reads a kind: the last one given that claims it; a kind no given reader claims is
 * read by the built-in reader of that kind, if there is one here (`networking.k8s.io/Ingress` by
 * the Kubernetes API alone, without any controller's annotations; cert-manager Certificates).
 * So objects written by hand are read in every app, and a target's reader adds its meaning.
 */
import { ControllerReading, IssuedSecret, ModelObject, ObjectReference, PodTemplate, Route } from './app-model';
import { INGRESS_API_READER } from './ingress-reading';

/** What a reader found in the objects of its kinds. */
export interface ReaderResult {
  readonly routes?: Route[];
  readonly references?: ObjectReference[];
  readonly issuedSecrets?: IssuedSecret[];
}

/** Reads the objects of some kinds into the app model. */
export interface ModelReader {
  /** Unique name: `ingress-nginx`, `gateway-api`. */
  readonly name: string;
  /** The kinds it reads, as `group/Kind` (`networking.k8s.io/Ingress`, `gateway.networking.k8s.io/HTTPRoute`). */
  readonly kinds: readonly string[];
  /** Routes, references and issued Secrets of `objects`: the app's objects of the kinds it reads, in order. */
  read(objects: readonly ModelObject[]): ReaderResult;
  /** The ingress controller `pod` runs, if the reader recognises its pods (by image or flags). */
  readonly controllerOf?: (pod: Omit<PodTemplate, 'ownedByController' | 'controller'>) => ControllerReading | undefined;
}

/** `group/Kind` of an object (`''` group for the core API). */
export function kindKey(o: ModelObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}`;
}

/** cert-manager's Certificate: the Secret it issues. */
export const CERTIFICATE_READER: ModelReader = {
  name: 'cert-manager',
  kinds: ['cert-manager.io/Certificate'],
  read: objects => ({
    issuedSecrets: objects.filter(o => o.json.spec?.secretName).map(o => ({ name: o.json.spec.secretName, namespace: o.namespace })),
  }),
};

/** The readers every model has, before the given ones. */
const BUILT_IN: readonly ModelReader[] = [INGRESS_API_READER, CERTIFICATE_READER];

/** Each reader once (by name, the last given wins), the built-in ones first. */
export function effectiveReaders(given: readonly ModelReader[]): ModelReader[] {
  const byName = new Map<string, ModelReader>();
  for (const r of [...BUILT_IN, ...given]) {
    byName.delete(r.name);
    byName.set(r.name, r);
  }
  return [...byName.values()];
}

/** What every reader found in `objects`: each object read by the last reader that claims its kind. */
export function readAll(readers: readonly ModelReader[], objects: readonly ModelObject[]): Required<ReaderResult> {
  const readerOf = new Map<string, ModelReader>();
  for (const r of readers) for (const k of r.kinds) readerOf.set(k, r);
  const mine = new Map<ModelReader, ModelObject[]>(readers.map(r => [r, []]));
  for (const o of objects) {
    const r = readerOf.get(kindKey(o));
    if (r) mine.get(r)!.push(o);
  }
  const result = { routes: [] as Route[], references: [] as ObjectReference[], issuedSecrets: [] as IssuedSecret[] };
  for (const r of readers) {
    const own = mine.get(r)!;
    if (own.length === 0) continue;
    const found = r.read(own);
    result.routes.push(...found.routes ?? []);
    result.references.push(...found.references ?? []);
    result.issuedSecrets.push(...found.issuedSecrets ?? []);
  }
  return result;
}
