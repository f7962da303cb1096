/**
 * The app's own validation of what it wrote, for the plugin. scripts/cdk8s-app.ts validates the
 * objects as they were rendered (no YAML parsed back, the safe synth's way) and leaves this report
 * in its run directory (cli-run.ts): the schema set it used, the SHA-256 of every manifest it
 * wrote, the number of objects and their violations. The plugin takes the report instead of
 * parsing and validating only when it describes exactly the bytes it was handed (every file listed
 * and no other, every hash equal) and the plugin's own schema set; otherwise (an app not run
 * through cdk8s-app.ts, a file edited in between, other schemas) it validates the files itself.
 * The violations are the same either way: the in-memory objects are what the files say.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { sortViolations } from './manifests';
import { SchemaViolation } from './types';

/** Written into the run directory next to the run record; never promoted. */
export const APP_REPORT = '.cdk8s-expose-validated.json';

const FORMAT = 1;

interface AppReport {
  readonly format: number;
  /** SchemaValidator.schemaSetKey of the validator used. */
  readonly schemaSet: string;
  /** The manifests, relative to the run directory, with the SHA-256 of their bytes. */
  readonly files: { readonly file: string; readonly sha256: string }[];
  readonly objects: number;
  /** Their violations, `file` relative to the run directory. */
  readonly violations: SchemaViolation[];
  /** The API server's warnings for them (deprecations.ts), `file` relative to the run directory. */
  readonly warnings?: SchemaViolation[];
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** Writes the report of a validation of `files` (absolute, inside `runDir`). */
export function writeAppReport(
  runDir: string, schemaSet: string, files: readonly string[], objects: number, violations: readonly SchemaViolation[],
  warnings: readonly SchemaViolation[] = [],
): void {
  const rel = (f: string) => path.relative(runDir, f);
  const report: AppReport = {
    format: FORMAT,
    schemaSet,
    files: files.map(f => ({ file: rel(f), sha256: sha256(fs.readFileSync(f)) })),
    objects,
    violations: violations.map(v => ({ ...v, file: v.file === undefined ? undefined : rel(v.file) })),
    warnings: warnings.map(v => ({ ...v, file: v.file === undefined ? undefined : rel(v.file) })),
  };
  fs.writeFileSync(path.join(runDir, APP_REPORT), JSON.stringify(report));
}

/**
 * The report's objects and violations (with the files named as in `texts`), when it describes
 * exactly `texts` (file name as listed -> its text, read from the run directory; names relative to
 * `from`) and was made with schema set `schemaSet`; undefined otherwise.
 */
export function acceptAppReport(
  runDir: string, from: string, texts: readonly { file: string; text: string }[], schemaSet: string,
): { objects: number; violations: SchemaViolation[]; warnings: SchemaViolation[] } | undefined {
  let report: AppReport;
  try {
    report = JSON.parse(fs.readFileSync(path.join(runDir, APP_REPORT), 'utf-8')) as AppReport;
  } catch {
    return undefined;
  }
  if (!schemaSet || report.format !== FORMAT || report.schemaSet !== schemaSet) return undefined;
  if (!Array.isArray(report.files) || report.files.length !== texts.length) return undefined;
  const listed = new Map(texts.map(t => [path.relative(path.resolve(from), path.resolve(t.file)), t]));
  if (listed.size !== texts.length) return undefined;
  for (const { file, sha256: hash } of report.files) {
    const t = listed.get(file);
    if (!t || sha256(t.text) !== hash) return undefined;
  }
  const named = (list: readonly SchemaViolation[]): SchemaViolation[] | undefined => {
    const out: SchemaViolation[] = [];
    for (const v of list) {
      const t = v.file === undefined ? undefined : listed.get(v.file);
      if (!t) return undefined;
      out.push({ ...v, file: t.file });
    }
    return sortViolations(out);
  };
  const violations = named(report.violations);
  const warnings = named(report.warnings ?? []);
  return violations && warnings ? { objects: report.objects, violations, warnings } : undefined;
}
