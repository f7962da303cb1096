/**
 * Synth-time warnings: things that will deploy but may not do what the user expects
 * (an unverified re-encrypted backend, a Service that selects no pod of this app...).
 *
 * cdk8s has no warning channel of its own, so warnings are recorded as construct metadata
 * and printed, grouped and once, by `Warnings.print` (main.ts does this after `app.synth()`).
 */
import { IConstruct } from 'constructs';

/** The metadata type under which cdk8s-expose records warnings. */
export const WARNING_METADATA_TYPE = 'cdk8s-expose:warning';

/**
 * One warning with the construct path it belongs to.
 * @experimental
 */
export interface ExposeWarning {
  /** Construct path of the construct the warning is about. */
  readonly path: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

/**
 * Records and collects warnings on constructs.
 * @experimental
 */
export class Warnings {
  /** The warnings API for a construct. */
  public static of(scope: IConstruct): Warnings {
    return new Warnings(scope);
  }

  /** All warnings recorded anywhere under `root`, sorted by path then message, without duplicates. */
  public static collect(root: IConstruct): ExposeWarning[] {
    const seen = new Set<string>();
    const out: ExposeWarning[] = [];
    for (const c of root.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type !== WARNING_METADATA_TYPE) continue;
        const w = { path: c.node.path, message: String(entry.data) };
        const key = `${w.path}\u0000${w.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(w);
      }
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
  }

  /** Human-readable block of warnings grouped by construct path ('' when there are none). */
  public static format(warnings: ExposeWarning[]): string {
    if (warnings.length === 0) return '';
    const lines = [`cdk8s-expose: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`];
    let last = '';
    for (const w of warnings) {
      if (w.path !== last) lines.push(`  ${w.path}`);
      lines.push(`    - ${w.message}`);
      last = w.path;
    }
    return lines.join('\n');
  }

  /** Prints the warnings under `root` to stderr; returns how many there were. */
  public static print(root: IConstruct): number {
    const warnings = Warnings.collect(root);
    if (warnings.length > 0) process.stderr.write(Warnings.format(warnings) + '\n');
    return warnings.length;
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Records a warning on this construct (recorded once per distinct message). */
  public add(message: string): void {
    const exists = this.scope.node.metadata.some(m => m.type === WARNING_METADATA_TYPE && m.data === message);
    if (!exists) this.scope.node.addMetadata(WARNING_METADATA_TYPE, message);
  }
}
