/**
 * `metadata.name` of a construct: the explicit name, else one derived from the construct id
 * (no hash suffix), validated as the object kind requires.
 */
import { Construct } from 'constructs';
import { requireNoProblems } from '../core/errors';
import { kebabFromId } from '../core/naming';
import { Problem } from '../core/problem';
import { dns1035LabelProblems, dns1123SubdomainProblems } from './names';

/** What kind of name an object takes (Services need DNS-1035 labels, most others DNS-1123 subdomains). */
export enum NameKind {
  /** Pods, Deployments, Ingresses, Secrets, ConfigMaps. */
  DNS1123_SUBDOMAIN = 'DNS1123_SUBDOMAIN',
  /** Services. */
  DNS1035_LABEL = 'DNS1035_LABEL',
}

/** The name a construct gets: the explicit one, else the id in kebab case. */
export function objectNameFor(id: string, explicit: string | undefined): string {
  return explicit ?? kebabFromId(id);
}

/** `metadata.name` as `kind` requires; a name derived from the id says so and to set `props.name`. */
export function objectNameProblems(id: string, explicit: string | undefined, kind: NameKind): Problem[] {
  const name = objectNameFor(id, explicit);
  const problems = kind === NameKind.DNS1035_LABEL ? dns1035LabelProblems('metadata.name', name) : dns1123SubdomainProblems('metadata.name', name);
  if (explicit !== undefined) return problems;
  return problems.map(p => ({ ...p, detail: `${p.detail} (derived from construct id ${JSON.stringify(id)}; set props.name)` }));
}

/**
 * `metadata.name` for a construct (call it after `super()`): the explicit name, else one derived
 * from its id, thrown at once when invalid (a construct's other rules often need the name); the
 * half-built construct is taken out of the tree then.
 */
export function resolveName(construct: Construct, explicit: string | undefined, kind: NameKind): string {
  const id = construct.node.id;
  return requireNoProblems(construct, objectNameProblems(id, explicit, kind), objectNameFor(id, explicit));
}
