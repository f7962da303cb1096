/**
 * Kubernetes' CEL format library (k8s.io/apiserver v0.36.3 pkg/cel/library/format.go), our own
 * code: `format.<name>()` and `format.named(<string>)` give a format, `<format>.validate(<string>)`
 * an optional list of error strings. The name checks and their words are those of
 * k8s.io/apimachinery v0.36.3 (pkg/util/validation: DNS-1123 label and subdomain, DNS-1035 label;
 * pkg/api/validate/content: qualified name, label value; pkg/api/validation/generic.go: the
 * `...Prefix` variants mask a trailing dash). uri as Go's url.ParseRequestURI accepts it (the
 * URL library's rule); uuid as kube-openapi's strfmt UUIDPattern; byte, date and datetime as the
 * schema formats of this validator (RFC 4648 base64, RFC 3339 full-date and date-time).
 *
 * CEL optional values are not part of @bufbuild/cel: here an optional is a one-entry CEL map (key
 * OPTIONAL_KEY, value the list, or OPTIONAL_NONE_KEY) with the methods rules use on the result of
 * validate(): hasValue(), value(), orValue(); `optional.none()` and `optional.of()` make them.
 */
import type { CelFunc, CelMap, CelValue } from '@bufbuild/cel';
import { fullFormats } from 'ajv-formats/dist/formats';
import { KUBERNETES_FORMATS } from './formats';
import { parseUrl } from './cel-net';

type Cel = typeof import('@bufbuild/cel');

export const FORMAT_KEY = '\u0000k8s.format';
export const OPTIONAL_KEY = '\u0000cel.optional';
export const OPTIONAL_NONE_KEY = '\u0000cel.optional.none';

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map(e => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const whole = (fmt: string) => new RegExp(`^(?:${fmt})$`);
const LABEL_RE = whole(LABEL_FMT); const SUBDOMAIN_RE = whole(SUBDOMAIN_FMT); const DNS1035_RE = whole(DNS1035_FMT);
const KEY_RE = whole(KEY_FMT); const VALUE_RE = whole(`(${KEY_FMT})?`);
const KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

export function dns1123Label(s: string): string[] {
  const errs = byteLength(s) > 63 ? ['must be no more than 63 characters'] : [];
  if (!LABEL_RE.test(s)) {
    errs.push(SUBDOMAIN_RE.test(s) ? 'must not contain dots' : regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function dns1123Subdomain(s: string, unit = 'characters'): string[] {
  const errs = byteLength(s) > 253 ? [`must be no more than 253 ${unit}`] : [];
  if (!SUBDOMAIN_RE.test(s)) errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function dns1035Label(s: string): string[] {
  const errs = byteLength(s) > 63 ? ['must be no more than 63 characters'] : [];
  if (!DNS1035_RE.test(s)) errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** content.IsLabelKey (IsQualifiedName). */
export function qualifiedName(s: string): string[] {
  const parts = s.split('/');
  const keyError = regexError(KEY_MSG, KEY_FMT, 'MyName', 'my.name', '123-abc');
  if (parts.length > 2) return [`a valid label key ${keyError} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const errs: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(parts[0], 'bytes').map(m => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!KEY_RE.test(name)) errs.push(`name part ${keyError}`);
  return errs;
}

/** content.IsLabelValue. */
export function labelValue(s: string): string[] {
  const errs = byteLength(s) > 63 ? ['must be no more than 63 bytes'] : [];
  if (!VALUE_RE.test(s)) errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", `(${KEY_FMT})?`, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** generic.go maskTrailingDash: the last two characters of a name ending in '-' become 'a' (as upstream). */
function maskTrailingDash(s: string): string {
  return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
}

type FormatCheck = RegExp | ((s: string) => boolean) | { validate: RegExp | ((s: string) => boolean) };
function matches(f: FormatCheck, s: string): boolean {
  const check = typeof f === 'object' && 'validate' in f ? f.validate : f;
  return check instanceof RegExp ? check.test(s) : check(s);
}
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The named formats of format.go's ConstantFormats. */
export const NAMED_FORMATS: { readonly [name: string]: (s: string) => string[] } = {
  dns1123Label,
  dns1123Subdomain: s => dns1123Subdomain(s),
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: s => dns1123Label(maskTrailingDash(s)),
  dns1123SubdomainPrefix: s => dns1123Subdomain(maskTrailingDash(s)),
  dns1035LabelPrefix: s => dns1035Label(maskTrailingDash(s)),
  labelValue,
  uri: s => parseUrl(s) ? [] : [`parse ${JSON.stringify(s)}: invalid URI for request`],
  uuid: s => UUID_RE.test(s) ? [] : ['does not match the UUID format'],
  byte: s => KUBERNETES_FORMATS.byte.validate(s as never) ? [] : ['invalid base64'],
  date: s => matches(fullFormats.date as FormatCheck, s) ? [] : ['invalid date'],
  datetime: s => matches(fullFormats['date-time'] as FormatCheck, s) ? [] : ['invalid datetime'],
};

/** format.*, the format type's validate(), and the optional values it returns. */
export function formatFuncs(cel: Cel): CelFunc[] {
  const { celFunc, celMethod, celMap, celList, CelScalar: S, mapType } = cel;
  const M = mapType(S.STRING, S.DYN);
  const some = (v: CelValue): CelMap => celMap(new Map([[OPTIONAL_KEY, v]]));
  const none = (): CelMap => celMap(new Map([[OPTIONAL_NONE_KEY, true]]));
  const optional = (m: CelMap): { has: boolean; value?: CelValue } => {
    if (m.has(OPTIONAL_KEY)) return { has: true, value: m.get(OPTIONAL_KEY) };
    if (m.has(OPTIONAL_NONE_KEY)) return { has: false };
    throw new Error('no such overload');
  };
  const format = (name: string) => celMap(new Map([[FORMAT_KEY, name]]));
  return [
    ...Object.keys(NAMED_FORMATS).map(name => celFunc(`format.${name}`, [], M, () => format(name))),
    celFunc('format.named', [S.STRING], M, name => name in NAMED_FORMATS ? some(format(name)) : none()),
    celMethod('validate', M, [S.STRING], M, function (s) {
      const name = this.get(FORMAT_KEY);
      if (typeof name !== 'string' || !(name in NAMED_FORMATS)) throw new Error('no such overload');
      const errs = NAMED_FORMATS[name](s);
      return errs.length === 0 ? none() : some(celList(errs));
    }),
    celFunc('optional.none', [], M, none),
    celFunc('optional.of', [S.DYN], M, v => some(v)),
    celMethod('hasValue', M, [], S.BOOL, function () { return optional(this).has; }),
    celMethod('value', M, [], S.DYN, function () {
      const o = optional(this);
      if (!o.has) throw new Error('optional.none() dereference');
      return o.value!;
    }),
    celMethod('orValue', M, [S.DYN], S.DYN, function (d) { const o = optional(this); return o.has ? o.value! : d; }),
  ];
}
