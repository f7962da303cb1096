/**
 * App-wide rules about what the ingress-nginx renderer emits (and any Ingress carrying the
 * same annotations), as ingress-nginx v1.11 behaves:
 * - `ssl-passthrough` (parsed with strconv.ParseBool, so "True" and "1" count) needs a controller
 *   running with `--enable-ssl-passthrough`;
 * - `*-snippet` annotations are refused by a controller with `allow-snippet-annotations: "false"`
 *   (`CheckIngress`), which IngressNginxController always renders;
 * - per host: one certificate (the first Ingress's wins), no passthrough next to termination, and
 *   an HTTP rule next to a TLS one is redirected to HTTPS (`ssl-redirect`, on by default).
 * `proxy-ssl-secret` names a Secret that must exist: the neutral `tls-secret` rule checks it, as
 * a reference the reader (model-reader.ts) found. Every family carries that reader, so an app
 * that runs them reads its Ingresses with ingress-nginx's meaning.
 */
import { AppModel } from '../../app-checks/app-model';
import { error, Finding, warning } from '../../app-checks/findings';
import { IngressReading, ingressesOf } from '../../app-checks/ingress-reading';
import { RuleFamily } from '../../app-checks/rule-families';
import { duplicate, forbidden, required } from '../../core/problem';
import { isSnippetAnnotation, parseGoBool } from './annotation-rules';
import { NGINX_ANNOTATION_PREFIX, SSL_PASSTHROUGH_ANNOTATION as SSL_PASSTHROUGH } from './annotations';
import { INGRESS_NGINX_READER, isPassthrough } from './model-reader';

const SSL_REDIRECT = `${NGINX_ANNOTATION_PREFIX}ssl-redirect`;

/** `ssl-passthrough`: the controller of the Ingress's class must run with `--enable-ssl-passthrough`. */
export function checkSslPassthrough(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  const registered = model.controllers.filter(c => c.registered);
  for (const ing of ingressesOf(model)) {
    if (!isPassthrough(ing)) continue;
    const cls = ing.className;
    const path = ing.object.path;
    const field = `metadata.annotations[${JSON.stringify(SSL_PASSTHROUGH)}]`;
    const controllers = registered.filter(c => c.ingressClassName === cls);
    if (controllers.length === 0) {
      findings.push(warning(path, 'ssl-passthrough', required('', `ssl-passthrough needs the ingress-nginx controller of IngressClass ` +
        `${JSON.stringify(cls)} to run with --enable-ssl-passthrough (ingress-nginx ignores the annotation without it); no such controller is ` +
        'in this app, so make sure yours has the flag')));
      continue;
    }
    for (const c of controllers.filter(x => !x.sslPassthroughEnabled)) {
      findings.push(error(path, 'ssl-passthrough', forbidden(field, ing.annotations[SSL_PASSTHROUGH], `the controller ${c.path} of IngressClass ` +
        `${JSON.stringify(cls)} runs without --enable-ssl-passthrough, so the annotation would be ignored; ` +
        'allowed: enable ssl passthrough on the controller, or use TlsMode.TERMINATION / REENCRYPT')));
    }
  }
  return findings;
}

/** `snippet-annotations`: a `*-snippet` annotation on an Ingress whose class an in-app controller serves (snippets are always off there). */
export function checkSnippetAnnotations(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  const registered = model.controllers.filter(c => c.registered);
  for (const ing of ingressesOf(model)) {
    const cls = ing.className;
    const controller = registered.find(c => c.ingressClassName === cls);
    if (!controller) continue;
    for (const key of Object.keys(ing.annotations).filter(isSnippetAnnotation)) {
      findings.push(error(ing.object.path, 'snippet-annotations', forbidden(`metadata.annotations[${JSON.stringify(key)}]`, ing.annotations[key],
        `the controller ${controller.path} of IngressClass ${JSON.stringify(cls)} runs with allow-snippet-annotations "false", so its admission ` +
        'webhook refuses every *-snippet annotation (CVE-2021-25742); allowed: the equivalent non-snippet annotations or controller config')));
    }
  }
  return findings;
}

interface HostUse { readonly ing: IngressReading; readonly kind: 'tls' | 'passthrough' | 'http'; readonly secret?: string }

/** class + host -> how each Ingress uses it, in object order. */
function hostUses(model: AppModel): Map<string, HostUse[]> {
  const uses = new Map<string, HostUse[]>();
  const add = (cls: string, host: string, use: HostUse) => {
    const key = `${cls}|${host}`;
    const list = uses.get(key);
    if (list) list.push(use);
    else uses.set(key, [use]);
  };
  for (const ing of ingressesOf(model)) {
    const cls = ing.className;
    const tlsHosts = new Map<string, string>();
    for (const t of ing.tls) for (const h of t.hosts) if (!tlsHosts.has(h)) tlsHosts.set(h, `${ing.object.namespace}/${t.secretName ?? ''}`);
    for (const [host, secret] of tlsHosts) add(cls, host, { ing, kind: 'tls', secret });
    const ruleHosts = new Set(ing.ruleHosts.filter((h): h is string => typeof h === 'string' && h !== ''));
    for (const host of ruleHosts) {
      if (isPassthrough(ing)) add(cls, host, { ing, kind: 'passthrough' });
      else if (!tlsHosts.has(host)) add(cls, host, { ing, kind: 'http' });
    }
  }
  return uses;
}

/** `ingress-host-tls`: per IngressClass and host, how Ingresses combine plain HTTP, termination and passthrough. */
export function checkIngressHostTls(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  for (const [key, uses] of hostUses(model)) {
    const [cls, host] = key.split('|');
    const where = `host ${JSON.stringify(host)} of IngressClass ${JSON.stringify(cls)}`;
    const tls = uses.filter(u => u.kind === 'tls');
    const passthrough = uses.filter(u => u.kind === 'passthrough');
    for (const u of tls.slice(1).filter(x => x.secret !== tls[0].secret)) {
      findings.push(error(u.ing.object.path, 'ingress-host-tls', duplicate('spec.tls', u.secret, `${where} is served with Secret ` +
        `${JSON.stringify(u.secret)}, but ${tls[0].ing.object.path} serves it with ${JSON.stringify(tls[0].secret)}; ingress-nginx serves one ` +
        'certificate per host (the oldest Ingress\'s), so one of them is never used; allowed: the same Secret for every Ingress of a host')));
    }
    if (passthrough.length > 0) {
      for (const u of tls) {
        findings.push(error(u.ing.object.path, 'ingress-host-tls', duplicate('spec.tls', host, `${where} is also passed through by ` +
          `${passthrough[0].ing.object.path}; with ssl-passthrough the controller hands every TLS connection for that SNI host to the ` +
          'passthrough backend, so this termination is never reached; allowed: one TLS mode per host')));
      }
    }
    if (tls.length === 0) continue;
    for (const u of uses.filter(x => x.kind === 'http')) {
      if (parseGoBool(u.ing.annotations[SSL_REDIRECT] ?? 'true') === false) continue;
      findings.push(warning(u.ing.object.path, 'ingress-host-tls', forbidden('', host, `${where} has TLS in ${tls[0].ing.object.path}, so ` +
        'ingress-nginx redirects this plain-HTTP rule to HTTPS (308, ssl-redirect is on by default) and serves it with that certificate; set ' +
        `the annotation ${JSON.stringify(SSL_REDIRECT)}: "false" to keep plain HTTP, or use another host`)));
    }
  }
  return findings;
}

/** The families the ingress-nginx renderer (and IngressNginxController) registers, with the reader of its Ingresses. */
export const INGRESS_NGINX_RULE_FAMILIES: RuleFamily[] = [
  { name: 'ingress-nginx/ssl-passthrough', check: checkSslPassthrough, readers: [INGRESS_NGINX_READER] },
  { name: 'ingress-nginx/snippet-annotations', check: checkSnippetAnnotations, readers: [INGRESS_NGINX_READER] },
  { name: 'ingress-nginx/ingress-host-tls', check: checkIngressHostTls, readers: [INGRESS_NGINX_READER] },
];
