/**
 * One row of `npm run bench`: our number beside its floor or peer measured in the same run
 * (these machines are noisy, so only ratios within one run mean anything), and the target.
 */
export interface BenchRow {
  /** What was measured, e.g. "npm run synth (lab, strict validation, safe swap)". */
  readonly what: string;
  /** Our median, in milliseconds. */
  readonly oursMs: number;
  /** What it is compared with, e.g. "node + require cdk8s + cdk8s-plus-27". */
  readonly floorName: string;
  /** The floor's or peer's median, in milliseconds. */
  readonly floorMs: number;
  /** The target ratio ours/floor (the row passes when ratio <= target); undefined: informative. */
  readonly target?: number;
}

/** The synth rows' floor, also timed beside the test rows: Node loading cdk8s and cdk8s-plus-27. */
export const FLOOR_ARGS = ['-e', "require('cdk8s'); require('cdk8s-plus-27')"];
export const FLOOR_NAME = `node ${FLOOR_ARGS[0]} "${FLOOR_ARGS[1]}"`;

/** ours / floor. */
export function ratioOf(row: BenchRow): number {
  return row.oursMs / row.floorMs;
}

/** Median of samples. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
