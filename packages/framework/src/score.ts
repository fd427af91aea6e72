/**
 * The score: 100 × Σ weight × credit / Σ weight over the provisions that count, one decimal.
 * must weighs 3, should 1; covers and exceeds earn 1, partial 0.5, missing and unassessed 0;
 * not-applicable and validly waived provisions do not count at all.
 */
import type { ProvisionLevel, ProvisionResult } from './types.ts';

export const WEIGHTS: Readonly<Record<ProvisionLevel, number>> = { must: 3, should: 1 };

export const SCORE_METHOD =
  '100 × Σ(weight × credit) / Σ weight over provisions that count; weight must 3, should 1; credit covers/exceeds 1, partial 0.5, missing/unassessed 0; not-applicable and waived provisions do not count; 100 when none count';

export function scoreOf(results: readonly Pick<ProvisionResult, 'weight' | 'credit' | 'counted'>[]): number {
  let earned = 0;
  let total = 0;
  for (const r of results) {
    if (!r.counted) continue;
    earned += r.weight * r.credit;
    total += r.weight;
  }
  return total === 0 ? 100 : Math.round((1000 * earned) / total) / 10;
}

/** A score as people read it, always with its one decimal: `82.0`, `46.4`. JSON keeps the number. */
export const formatScore = (score: number): string => score.toFixed(1);
