/**
 * App-wide rules about what the ingress-nginx renderer emits (and any Ingress carrying the
 * same annotations): `ssl-passthrough` needs a controller running with
 * `--enable-ssl-passthrough`; `proxy-ssl-secret` names a Secret that must exist.
 */
import { AppFacts, ingressClassOf, ingressesOf, normalizeNamespace } from '../../app-checks/facts';
import { error, Finding, warning } from '../../app-checks/findings';
import { RuleFamily } from '../../app-checks/rule-families';
import { definedSecrets, undefinedSecret } from '../../app-checks/families/secrets';
import { PROXY_SSL_SECRET_ANNOTATION as PROXY_SSL_SECRET, SSL_PASSTHROUGH_ANNOTATION as SSL_PASSTHROUGH } from './ingress-nginx-annotations';

/** `ssl-passthrough`: the controller of the Ingress's class must run with `--enable-ssl-passthrough`. */
export function checkSslPassthrough(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    if (ing.json.metadata?.annotations?.[SSL_PASSTHROUGH] !== 'true') continue;
    const cls = ingressClassOf(ing.json);
    const controllers = facts.controllers.filter(c => c.ingressClassName === cls);
    if (controllers.length === 0) {
      findings.push(warning(ing.path, 'ssl-passthrough', `ssl-passthrough needs the ingress-nginx controller of IngressClass ${JSON.stringify(cls)} ` +
        'to run with --enable-ssl-passthrough (ingress-nginx ignores the annotation without it); no such controller is in this app, ' +
        'so make sure yours has the flag'));
      continue;
    }
    for (const c of controllers.filter(x => !x.sslPassthroughEnabled)) {
      findings.push(error(ing.path, 'ssl-passthrough', `metadata.annotations[${JSON.stringify(SSL_PASSTHROUGH)}]: the controller ${c.path} ` +
        `of IngressClass ${JSON.stringify(cls)} runs without --enable-ssl-passthrough, so the annotation would be ignored; ` +
        'allowed: enable ssl passthrough on the controller, or use TlsMode.TERMINATION / REENCRYPT'));
    }
  }
  return findings;
}

/** `tls-secret`: the `namespace/name` of `proxy-ssl-secret` is defined in the app or declared external. */
export function checkProxySslSecrets(facts: AppFacts): Finding[] {
  const defined = definedSecrets(facts);
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    const value: string | undefined = ing.json.metadata?.annotations?.[PROXY_SSL_SECRET];
    if (!value) continue;
    const [ns, name] = value.includes('/') ? value.split('/', 2) : [ing.namespace, value];
    const hit = undefinedSecret(ing, { field: `metadata.annotations[${JSON.stringify(PROXY_SSL_SECRET)}]`, name, namespace: normalizeNamespace(ns) }, defined);
    if (hit) findings.push(hit);
  }
  return findings;
}

/** The families the ingress-nginx renderer registers. */
export const INGRESS_NGINX_RULE_FAMILIES: RuleFamily[] = [
  { name: 'ingress-nginx/proxy-ssl-secret', check: checkProxySslSecrets },
  { name: 'ingress-nginx/ssl-passthrough', check: checkSslPassthrough },
];
