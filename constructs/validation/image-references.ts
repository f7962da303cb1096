/**
 * Container image references as the kubelet parses them: distribution's reference grammar
 * (`github.com/distribution/reference`, `ParseNormalizedNamed`) and go-digest's digest check.
 * The API server only refuses an empty image or one with leading/trailing whitespace
 * (`validateContainers`); every other malformed reference passes it and leaves the pod in
 * `InvalidImageName`, so it is refused here.
 */
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';

// The grammar of reference/regexp.go, anchored.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${REMOTE_NAME}$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** go-digest's registered algorithms and their hex lengths (lowercase hex only). */
const DIGEST_HEX_LENGTH: { readonly [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };
/** distribution's `NameTotalLengthMax`. */
const NAME_TOTAL_LENGTH_MAX = 255;

/** Splits `name[:tag][@digest]` the way the grammar does (a ':' after the last '/' starts the tag). */
function split(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/** The first component is a registry when it has '.' or ':', is `localhost`, or has upper case (`splitDockerDomain`). */
function remoteNameOf(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const first = name.slice(0, slash);
  const isDomain = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return isDomain ? name.slice(slash + 1) : name;
}

/** What is wrong with `ref` as an image reference, or undefined. */
function referenceProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'it is empty';
  if (ref.trim() !== ref) return 'it has leading or trailing whitespace';
  if (/\s/.test(ref)) return 'it contains whitespace';
  if (/^[a-f0-9]{64}$/.test(ref)) return 'a repository name cannot be a 64-character hexadecimal string (that is an image ID)';
  const { name, tag, digest } = split(ref);
  if (name.length === 0) return 'its repository name is empty';
  const remote = remoteNameOf(name);
  if (remote.toLowerCase() !== remote) return `its repository name ${show(remote)} has upper case letters (repository names are lowercase)`;
  if (!NAME.test(name)) {
    return `its name ${show(name)} is not [registry[:port]/]path, path components of lowercase letters and digits separated by '.', '_', '__' or '-'`;
  }
  if (name.length > NAME_TOTAL_LENGTH_MAX) return `its name has ${name.length} characters (at most ${NAME_TOTAL_LENGTH_MAX})`;
  if (tag !== undefined && !TAG.test(tag)) return `its tag ${show(tag)} is not 1-128 letters, digits, '_', '.' or '-' starting with a letter, digit or '_'`;
  if (digest !== undefined) {
    if (!DIGEST.test(digest)) return `its digest ${show(digest)} is not algorithm:hex`;
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_HEX_LENGTH[algorithm];
    if (length === undefined) return `its digest algorithm ${show(algorithm)} is not supported (sha256, sha384 or sha512)`;
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `its ${algorithm} digest must be ${length} lowercase hex digits`;
  }
  return undefined;
}

/**
 * A container image reference: `[registry[:port]/]repository[:tag][@algorithm:hex]` as the kubelet
 * parses it (`reference.ParseNormalizedNamed`): lowercase repository, a valid tag, a digest of a
 * known algorithm with the right number of lowercase hex digits.
 */
export function imageReferenceProblems(field: FieldPath | string, ref: string): Problem[] {
  const problem = referenceProblem(ref);
  if (problem === undefined) return [];
  return [invalid(field, ref, `${show(ref)} is not a valid image reference: ${problem}; allowed: [registry[:port]/]repository[:tag]` +
    '[@sha256:<64 hex>] with a lowercase repository (e.g. "nginx:1.27", "registry.k8s.io/pause:3.9")')];
}
