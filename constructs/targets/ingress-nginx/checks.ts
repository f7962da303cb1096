/**
 * App-wide rules about what the ingress-nginx renderer emits (and any Ingress carrying the
 * same annotations), as ingress-nginx v1.11 behaves:
 * - `ssl-passthrough` (parsed with strconv.ParseBool, so "True" and "1" count) needs a controller
 *   running with `--enable-ssl-passthrough`;
 * - `proxy-ssl-secret` names a Secret that must exist;
 * - `*-snippet` annotations are refused by a controller with `allow-snippet-annotations: "false"`
 *   (`CheckIngress`), which IngressNginxController always renders;
 * - per host: one certificate (the first Ingress's wins), no passthrough next to termination, and
 *   an HTTP rule next to a TLS one is redirected to HTTPS (`ssl-redirect`, on by default).
 */
import { AppFacts, ingressClassOf, ingressesOf, normalizeNamespace, ObjectFacts } from '../../app-checks/facts';
import { error, Finding, warning } from '../../app-checks/findings';
import { RuleFamily } from '../../app-checks/rule-families';
import { definedSecrets, undefinedSecret } from '../../app-checks/families/secrets';
import { isSnippetAnnotation, parseGoBool } from './annotation-rules';
import {
  NGINX_ANNOTATION_PREFIX, PROXY_SSL_SECRET_ANNOTATION as PROXY_SSL_SECRET, SSL_PASSTHROUGH_ANNOTATION as SSL_PASSTHROUGH,
} from './annotations';

const SSL_REDIRECT = `${NGINX_ANNOTATION_PREFIX}ssl-redirect`;

/** Whether an Ingress asks for ssl-passthrough, as ingress-nginx parses the value (`parser.GetBoolAnnotation`). */
function isPassthrough(ing: ObjectFacts): boolean {
  const value = ing.json.metadata?.annotations?.[SSL_PASSTHROUGH];
  return typeof value === 'string' && parseGoBool(value) === true;
}

/** `ssl-passthrough`: the controller of the Ingress's class must run with `--enable-ssl-passthrough`. */
export function checkSslPassthrough(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    if (!isPassthrough(ing)) continue;
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

/** `snippet-annotations`: a `*-snippet` annotation on an Ingress whose class an in-app controller serves (snippets are always off there). */
export function checkSnippetAnnotations(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const ing of ingressesOf(facts)) {
    const cls = ingressClassOf(ing.json);
    const controller = facts.controllers.find(c => c.ingressClassName === cls);
    if (!controller) continue;
    for (const key of Object.keys(ing.json.metadata?.annotations ?? {}).filter(isSnippetAnnotation)) {
      findings.push(error(ing.path, 'snippet-annotations', `metadata.annotations[${JSON.stringify(key)}]: the controller ${controller.path} of ` +
        `IngressClass ${JSON.stringify(cls)} runs with allow-snippet-annotations "false", so its admission webhook refuses every ` +
        '*-snippet annotation (CVE-2021-25742); allowed: the equivalent non-snippet annotations or controller config'));
    }
  }
  return findings;
}

interface HostUse { readonly ing: ObjectFacts; readonly kind: 'tls' | 'passthrough' | 'http'; readonly secret?: string }

/** class + host -> how each Ingress uses it, in object order. */
function hostUses(facts: AppFacts): Map<string, HostUse[]> {
  const uses = new Map<string, HostUse[]>();
  const add = (cls: string, host: string, use: HostUse) => {
    const key = `${cls}|${host}`;
    const list = uses.get(key);
    if (list) list.push(use);
    else uses.set(key, [use]);
  };
  for (const ing of ingressesOf(facts)) {
    const cls = ingressClassOf(ing.json);
    const tlsHosts = new Map<string, string>();
    for (const t of ing.json.spec?.tls ?? []) for (const h of t.hosts ?? []) if (!tlsHosts.has(h)) tlsHosts.set(h, `${ing.namespace}/${t.secretName ?? ''}`);
    for (const [host, secret] of tlsHosts) add(cls, host, { ing, kind: 'tls', secret });
    const ruleHosts = new Set<string>((ing.json.spec?.rules ?? []).map((r: any) => r.host).filter((h: unknown) => typeof h === 'string' && h !== ''));
    for (const host of ruleHosts) {
      if (isPassthrough(ing)) add(cls, host, { ing, kind: 'passthrough' });
      else if (!tlsHosts.has(host)) add(cls, host, { ing, kind: 'http' });
    }
  }
  return uses;
}

/** `ingress-host-tls`: per IngressClass and host, how Ingresses combine plain HTTP, termination and passthrough. */
export function checkIngressHostTls(facts: AppFacts): Finding[] {
  const findings: Finding[] = [];
  for (const [key, uses] of hostUses(facts)) {
    const [cls, host] = key.split('|');
    const where = `host ${JSON.stringify(host)} of IngressClass ${JSON.stringify(cls)}`;
    const tls = uses.filter(u => u.kind === 'tls');
    const passthrough = uses.filter(u => u.kind === 'passthrough');
    for (const u of tls.slice(1).filter(x => x.secret !== tls[0].secret)) {
      findings.push(error(u.ing.path, 'ingress-host-tls', `spec.tls: ${where} is served with Secret ${JSON.stringify(u.secret)}, but ` +
        `${tls[0].ing.path} serves it with ${JSON.stringify(tls[0].secret)}; ingress-nginx serves one certificate per host ` +
        '(the oldest Ingress\'s), so one of them is never used; allowed: the same Secret for every Ingress of a host'));
    }
    if (passthrough.length > 0) {
      for (const u of tls) {
        findings.push(error(u.ing.path, 'ingress-host-tls', `spec.tls: ${where} is also passed through by ${passthrough[0].ing.path}; ` +
          'with ssl-passthrough the controller hands every TLS connection for that SNI host to the passthrough backend, so this ' +
          'termination is never reached; allowed: one TLS mode per host'));
      }
    }
    if (tls.length === 0) continue;
    for (const u of uses.filter(x => x.kind === 'http')) {
      if (parseGoBool(u.ing.json.metadata?.annotations?.[SSL_REDIRECT] ?? 'true') === false) continue;
      findings.push(warning(u.ing.path, 'ingress-host-tls', `${where} has TLS in ${tls[0].ing.path}, so ingress-nginx redirects this ` +
        'plain-HTTP rule to HTTPS (308, ssl-redirect is on by default) and serves it with that certificate; set the ' +
        `annotation ${JSON.stringify(SSL_REDIRECT)}: "false" to keep plain HTTP, or use another host`));
    }
  }
  return findings;
}

/** The families the ingress-nginx renderer registers. */
export const INGRESS_NGINX_RULE_FAMILIES: RuleFamily[] = [
  { name: 'ingress-nginx/proxy-ssl-secret', check: checkProxySslSecrets },
  { name: 'ingress-nginx/ssl-passthrough', check: checkSslPassthrough },
  { name: 'ingress-nginx/snippet-annotations', check: checkSnippetAnnotations },
  { name: 'ingress-nginx/ingress-host-tls', check: checkIngressHostTls },
];
