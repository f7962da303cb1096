/**
 * App-wide rule families. The controller-neutral families are built in and run for every app; a
 * routing target (e.g. ingress-nginx's) brings the families about what it emits, and they run
 * only in the apps that use it (`CrossObjectChecks.of(scope)._addRuleFamilies`). A target's
 * families also carry the reader of its kinds (`readers`): the app's model is built with the
 * readers of every family the app runs, so the neutral families see that target's routes too.
 * Nothing here is global: two apps in one process run the families of their own targets.
 */
import { AppModel } from './app-model';
import { Finding } from './findings';
import { ModelReader } from './model-readers';
import { checkExternalIpHostPorts } from './families/external-ip-host-ports';
import { checkHostPorts } from './families/host-ports';
import { checkIngressBackends } from './families/ingress-backends';
import { checkIngressHostPaths } from './families/ingress-host-paths';
import { checkNodePorts } from './families/node-ports';
import { checkPortNames } from './families/port-names';
import { checkSecrets } from './families/secrets';
import { checkSelectors } from './families/selectors';
import { checkObjectIdentities } from './families/object-identities';
import { checkObjectMetadata } from './families/object-metadata';
import { checkServicePodTemplates } from './families/service-pod-templates';
import { checkIngressClasses } from './families/ingress-classes';
import { checkHostPortNodePorts } from './families/host-port-node-ports';
import { checkBackendProtocols } from './families/backend-protocols';
import { checkPodSecurity } from './families/pod-security';
import { checkNetworkPolicies } from './families/network-policies';

/** One family of app-wide rules: a named function from the app's model to findings. */
export interface RuleFamily {
  /** Unique name, e.g. `node-ports`, `ingress-nginx/ssl-passthrough`. */
  readonly name: string;
  /**
   * Runs the family's rules. The model is shared by every family (and, within an ExposeApp synth,
   * its JSON is what gets written): read it, never change it.
   */
  readonly check: (model: AppModel) => Finding[];
  /**
   * The readers of the kinds the family reads (a target's families carry the target's reader).
   * @default - the built-in readers only
   */
  readonly readers?: readonly ModelReader[];
}

const BUILT_IN: RuleFamily[] = [
  { name: 'node-ports', check: checkNodePorts },
  { name: 'host-ports', check: checkHostPorts },
  { name: 'external-ip-host-ports', check: checkExternalIpHostPorts },
  { name: 'selectors', check: checkSelectors },
  { name: 'port-names', check: checkPortNames },
  { name: 'ingress-backends', check: checkIngressBackends },
  { name: 'ingress-host-paths', check: checkIngressHostPaths },
  { name: 'secrets', check: checkSecrets },
  { name: 'object-metadata', check: checkObjectMetadata },
  { name: 'object-identities', check: checkObjectIdentities },
  { name: 'service-pod-templates', check: checkServicePodTemplates },
  { name: 'ingress-classes', check: checkIngressClasses },
  { name: 'host-port-node-ports', check: checkHostPortNodePorts },
  { name: 'backend-protocols', check: checkBackendProtocols },
  { name: 'pod-security', check: checkPodSecurity },
  { name: 'network-policies', check: checkNetworkPolicies },
];

/** The families every app runs. */
export function builtInRuleFamilies(): readonly RuleFamily[] {
  return BUILT_IN;
}

/** The readers the families carry, each once, in the order of the families. */
export function readersOf(families: readonly RuleFamily[]): ModelReader[] {
  const readers: ModelReader[] = [];
  for (const f of families) for (const r of f.readers ?? []) if (!readers.includes(r)) readers.push(r);
  return readers;
}
