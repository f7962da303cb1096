/**
 * Renderers turn an {@link IngressIntent} into Kubernetes objects for one kind of controller.
 * They are registered by name (`renderers/index.ts` registers the built-in ones); IngressBase
 * asks `ingressRendererFor(scope)` which one renders a construct.
 *
 * A new target (e.g. Gateway API) is a new module under `renderers/` implementing
 * `IngressRenderer`, plus one `registerIngressRenderer` line in `renderers/index.ts`.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { registerRuleFamily, RuleFamily } from '../../app-checks/rule-families';
import { IngressIntent, IngressModeIntent } from './ingress-intent';

/** What a renderer made for one intent. */
export interface RenderedIngress {
  /** The main object (an Ingress for ingress-nginx). */
  readonly apiObject: ApiObject;
  /** Every annotation of the main object, sorted. */
  readonly annotations: { [key: string]: string };
  /** `metadata.namespace` pinned on the objects, if the renderer needs one (undefined: the chart's). */
  readonly namespace?: string;
}

/** One rendering target. */
export interface IngressRenderer {
  /** Registry key, e.g. `ingress-nginx`. */
  readonly name: string;
  /** The class used when the user gives none (`spec.ingressClassName` for ingress-nginx). */
  readonly defaultClassName: string;
  /** App-wide rule families about what this renderer emits; registered with the renderer. */
  readonly ruleFamilies: RuleFamily[];
  /** Annotation keys the renderer sets for this mode, which users may therefore not set. */
  managedAnnotations(mode: IngressModeIntent): string[];
  /** Creates the objects of `intent` under `scope` (the construct that declared it). */
  render(scope: Construct, intent: IngressIntent): RenderedIngress;
}

/** Context key that selects a renderer for a subtree (`node.setContext`); unset: the default. */
export const INGRESS_RENDERER_CONTEXT = 'cdk8s-expose:ingress-renderer';
/** The renderer used when no context selects one. */
export const DEFAULT_INGRESS_RENDERER = 'ingress-nginx';

const renderers = new Map<string, IngressRenderer>();

/** Registers a renderer and its app-wide rule families. */
export function registerIngressRenderer(renderer: IngressRenderer): void {
  renderers.set(renderer.name, renderer);
  for (const family of renderer.ruleFamilies) registerRuleFamily(family);
}

/** The renderer for constructs under `scope`. */
export function ingressRendererFor(scope: IConstruct): IngressRenderer {
  const name = scope.node.tryGetContext(INGRESS_RENDERER_CONTEXT) ?? DEFAULT_INGRESS_RENDERER;
  const renderer = renderers.get(name);
  if (!renderer) {
    throw new Error(`no ingress renderer ${JSON.stringify(name)} is registered (context ${INGRESS_RENDERER_CONTEXT}); ` +
      `registered: ${[...renderers.keys()].map(n => JSON.stringify(n)).join(', ')}`);
  }
  return renderer;
}
