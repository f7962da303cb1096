/**
 * Errors a CI can read (issue 23): what stopped a synth, in the JSON form of cdk8s's validation
 * reports (`cdk8s synth --validation-reports-output-file`: `{ reports: [{ title, violations,
 * summary }] }`, cdk8s-cli lib/plugins/validation.d.ts): a construct's refused props
 * (ExposeValidationError, every problem of the construct), the app-wide checks' errors (cdk8s's
 * "Validation failed with the following errors", one per construct path), and the strict schema
 * violations. `npm run synth -- --report <file>` writes it, on success too.
 */
import { ExposeValidationError } from '../../constructs/errors';
import type { SchemaViolation } from '../../validation-plugin/src/schema-validator';

/** One violation as cdk8s's report JSON holds it (ValidationViolationConstructAware). */
export interface ReportViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingConstructs: Array<{ constructPath?: string; resourceName?: string; locations: string[]; manifestPath: string }>;
}

/** The report file: cdk8s's shape, one report per source of violations. */
export interface ReportFile {
  readonly reports: Array<{ title: string; violations: ReportViolation[]; summary: { status: 'success' | 'failure'; plugin: string; version: string; metadata?: Record<string, string> } }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

/** The violations of what an app threw while it was built or synthesised; undefined for anything else (a bug: keep its stack). */
export function thrownViolations(error: unknown): ReportViolation[] | undefined {
  if (ExposeValidationError.isExposeValidationError(error)) {
    return error.problems.map(p => ({
      ruleName: `${p.kind}: ${p.field || '(construct)'}`,
      recommendation: p.detail,
      fix: `Change ${p.field || 'the input'} of the construct at ${error.constructPath}; ${allowedOf(p.detail)}`,
      violatingConstructs: [{ constructPath: error.constructPath, locations: p.field ? [p.field] : [], manifestPath: '' }],
    }));
  }
  const message = error instanceof Error ? error.message : '';
  if (!message.startsWith('Validation failed with the following errors:')) return undefined;
  return message.split('\n').slice(1).map(l => l.trim()).filter(l => l.length > 0).map(line => {
    const m = /^\[([^\]]*)\] ([\s\S]*)$/.exec(line);
    const [constructPath, detail] = m ? [m[1], m[2]] : ['', line];
    return { ruleName: 'app-wide check', recommendation: detail, fix: allowedOf(detail), violatingConstructs: [{ constructPath, locations: [], manifestPath: '' }] };
  });
}

function allowedOf(detail: string): string {
  const i = detail.lastIndexOf('allowed: ');
  return i >= 0 ? detail.slice(i) : 'see the recommendation';
}

/** Schema violations as report violations (one per object and message). */
export function schemaViolations(violations: readonly SchemaViolation[]): ReportViolation[] {
  return violations.map(v => ({
    ruleName: `schema ${v.schema}: ${v.kind} ${v.namespace ? `${v.namespace}/` : ''}${v.name}`,
    recommendation: `${v.instancePath || '/'}: ${v.message}`,
    fix: 'Make the object match the schema (unknown fields are errors, as with kubectl\'s server-side field validation)',
    violatingConstructs: [{ constructPath: v.constructPath, resourceName: v.name, locations: [v.instancePath || '/'], manifestPath: v.file ?? '' }],
  }));
}

/** The report file of one synth: its construction and app-wide problems, and its schema violations. */
export function reportFile(app: ReportViolation[], schema: ReportViolation[], schemaRan: boolean): ReportFile {
  const report = (plugin: string, title: string, violations: ReportViolation[], metadata: Record<string, string>) => ({
    title, violations, summary: { status: violations.length === 0 ? 'success' as const : 'failure' as const, plugin, version: VERSION, metadata },
  });
  return {
    reports: [
      report('cdk8s-expose', `Validation Report (cdk8s-expose@${VERSION}: constructs and app-wide checks)`, app, { Violations: String(app.length) }),
      report('cdk8s-expose-schema-validation', `Validation Report (cdk8s-expose@${VERSION}: strict schema validation)`, schema,
        { Violations: String(schema.length), Ran: schemaRan ? 'yes' : 'no: the synth stopped before it' }),
    ],
  };
}
