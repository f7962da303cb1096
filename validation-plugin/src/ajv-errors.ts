/** Turns ajv's errors into short messages, one per real problem. */
import type { ErrorObject } from 'ajv';

export function formatPointer(p: string): string {
  return p === '' ? '/' : p;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A value as a message shows it: `integer 80`, `string "80"`, `null`, `array`... */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? `integer ${value}` : `number ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return typeof value;
}

/** Turns ajv's errors into { instancePath, message }, one per real problem. */
export function renderAjvErrors(errors: readonly ErrorObject[]): { instancePath: string; message: string }[] {
  // anyOf/oneOf report every failing branch too: keep only the combined error.
  const composite = errors.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const out: { instancePath: string; message: string }[] = [];
  for (const e of errors) {
    if (composite.some(c => c !== e && e.schemaPath.startsWith(c.schemaPath + '/'))) continue;
    switch (e.keyword) {
      case 'additionalProperties': {
        const prop = String((e.params as { additionalProperty: string }).additionalProperty);
        out.push({ instancePath: `${e.instancePath}/${escapePointer(prop)}`, message: `unknown field "${prop}"` });
        break;
      }
      case 'required': {
        const prop = String((e.params as { missingProperty: string }).missingProperty);
        out.push({ instancePath: `${e.instancePath}/${escapePointer(prop)}`, message: `missing required field "${prop}"` });
        break;
      }
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        out.push({ instancePath: e.instancePath, message: `must be ${Array.isArray(t) ? t.join(' or ') : t}, got ${describe(e.data)}` });
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        out.push({ instancePath: e.instancePath, message: `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}; got ${describe(e.data)}` });
        break;
      }
      case 'const':
        out.push({ instancePath: e.instancePath, message: `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, got ${describe(e.data)}` });
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter(b => b !== e && b.schemaPath.startsWith(e.schemaPath + '/'));
        const types = branches.every(b => b.keyword === 'type' && b.instancePath === e.instancePath)
          ? [...new Set(branches.map(b => String((b.params as { type: string }).type)))] : [];
        out.push({
          instancePath: e.instancePath,
          message: types.length > 0 ? `must be ${types.join(' or ')}, got ${describe(e.data)}`
            : `${e.message ?? 'is invalid'} (${e.keyword}): ${branches.map(b => `${formatPointer(b.instancePath)} ${b.message}`).join('; ')}`,
        });
        break;
      }
      default:
        out.push({ instancePath: e.instancePath, message: `${e.message ?? 'is invalid'}${e.data !== undefined && typeof e.data !== 'object' ? `; got ${describe(e.data)}` : ''}` });
    }
  }
  return out;
}
