/**
 * What constructs tell the app model about themselves (typed facts attached with
 * `construct-facts.ts`), and the small conventions every reader of the model shares.
 */
import { FactKind } from './construct-facts';

/**
 * What an ingress controller in the app tells the checks about itself.
 * @experimental
 */
export interface IngressControllerFacts {
  /** The IngressClass it serves. */
  readonly ingressClassName: string;
  /** Whether it runs with `--enable-ssl-passthrough`. */
  readonly sslPassthroughEnabled: boolean;
  /** Ports it opens on each node it runs on (hostNetwork or hostPort); empty if none. */
  readonly hostPorts: number[];
  /**
   * Node labels it is restricted to.
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
}

/** A Secret that exists outside the app. */
export interface ExternalSecret {
  readonly name: string;
  /** Normalised (`default` for none). */
  readonly namespace: string;
}

/** An ingress controller registered on its construct (`CrossObjectChecks.registerIngressController`). */
export const INGRESS_CONTROLLER_FACT = new FactKind<IngressControllerFacts>('ingress controller');
/** A Secret declared external on a construct (`CrossObjectChecks.declareExternalSecret`). */
export const EXTERNAL_SECRET_FACT = new FactKind<ExternalSecret>('external Secret');
/** Addresses of the cluster's nodes, declared on a construct (`CrossObjectChecks.declareNodeAddresses`). */
export const NODE_ADDRESSES_FACT = new FactKind<readonly string[]>('node addresses');

/** The deprecated IngressClass annotation (the API server rejects it together with `spec.ingressClassName`). */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export { normalizeNamespace } from '../core/naming';
