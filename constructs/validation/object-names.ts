/**
 * `metadata.name` of a construct: the explicit name, else one derived from the construct id
 * (no hash suffix), validated as the object kind requires.
 */
import { Construct } from 'constructs';
import { ExposeValidationError } from '../core/errors';
import { kebabFromId } from '../core/naming';
import { validateDns1035Label, validateDns1123Subdomain } from './names';

/** What kind of name an object takes (Services need DNS-1035 labels, most others DNS-1123 subdomains). */
export enum NameKind {
  /** Pods, Deployments, Ingresses, Secrets, ConfigMaps. */
  DNS1123_SUBDOMAIN = 'DNS1123_SUBDOMAIN',
  /** Services. */
  DNS1035_LABEL = 'DNS1035_LABEL',
}

/**
 * `metadata.name` for a construct: the explicit name, else one derived from the id.
 * Validated either way; a derived name that fails says to set `name`.
 */
export function resolveName(scope: Construct, id: string, explicit: string | undefined, kind: NameKind): string {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const name = explicit ?? kebabFromId(id);
  const validate = kind === NameKind.DNS1035_LABEL ? validateDns1035Label : validateDns1123Subdomain;
  try {
    return validate(path, 'metadata.name', name);
  } catch (e) {
    if (explicit === undefined && e instanceof ExposeValidationError) {
      throw new ExposeValidationError(path, 'metadata.name',
        `${e.message.replace(/^\[[^\]]*\] metadata\.name: /, '')} (derived from construct id ${JSON.stringify(id)}; set props.name)`);
    }
    throw e;
  }
}
