/** ANSI styling for text reports; every function is the identity when colour is off. */
import type { Verdict } from '../types.ts';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  verdict(v: Verdict, s?: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
}

const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;

const VERDICT_CODE: Record<Verdict, string> = {
  covers: '32',
  exceeds: '36',
  partial: '33',
  missing: '31',
  'not-applicable': '2',
  unassessed: '35',
};

export function style(colour: boolean): Style {
  const id = (s: string) => s;
  if (!colour) return { bold: id, dim: id, red: id, yellow: id, green: id, verdict: (v, s = v) => s };
  return {
    bold: sgr('1'),
    dim: sgr('2'),
    red: sgr('31'),
    yellow: sgr('33'),
    green: sgr('32'),
    verdict: (v, s = v) => sgr(VERDICT_CODE[v])(s),
  };
}
