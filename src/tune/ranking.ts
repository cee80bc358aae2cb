/**
 * What a tuning run found, shape by shape: its configurations ranked by GFLOP/s, what was
 * skipped or failed and why, and the best configuration. Pure: reads the results only.
 */
import type { CaseRecord, Results, TuneInfo } from '../results/schema.js';
import { tuneScore } from './search.js';

/** One shape of a tuning run. */
export interface ShapeRanking {
  shapeLabel: string;
  shape: CaseRecord['shape'];
  /** Configurations that ran and passed, fastest first. */
  ranked: CaseRecord[];
  /** Configurations skipped before compiling (a device limit or an invalid combination). */
  unsupported: CaseRecord[];
  /** Configurations whose output failed the check, or that failed to run. */
  failed: CaseRecord[];
  /** Every configuration tried at this shape. */
  tried: number;
}

/** The benchmark records of `kernel` grouped by shape (in the order first measured), each ranked. */
export function rankTune(results: Results, kernel: string): ShapeRanking[] {
  const byShape = new Map<string, CaseRecord[]>();
  for (const record of results.cases) {
    if (record.role !== 'benchmark' || record.kernel !== kernel) continue;
    const list = byShape.get(record.shapeLabel) ?? [];
    list.push(record);
    byShape.set(record.shapeLabel, list);
  }
  return [...byShape].map(([shapeLabel, records]) => ({
    shapeLabel,
    shape: records[0]!.shape,
    ranked: records.filter((r) => tuneScore(r) !== null).sort((x, y) => tuneScore(y)! - tuneScore(x)!),
    unsupported: records.filter((r) => r.status === 'unsupported'),
    failed: records.filter((r) => r.status === 'incorrect' || r.status === 'error'),
    tried: records.length,
  }));
}

/** The `tune` section of the results: the best configuration of each shape. */
export function tuneInfo(results: Results, kernel: string, budget: number | null, spaceSize: number): TuneInfo {
  const best = rankTune(results, kernel).flatMap(({ ranked, shape, shapeLabel }) => {
    const top = ranked[0];
    if (!top) return [];
    return [
      {
        shape,
        shapeLabel,
        params: top.params,
        gflops: top.gflops ?? 0,
        ...(top.metric === 'bandwidth'
          ? {
              metric: 'bandwidth' as const,
              gbPerS: top.gbPerS,
              fractionOfMeasuredBandwidth: top.fractionOfMeasuredBandwidth,
            }
          : {}),
        fractionOfMeasuredPeak: top.fractionOfMeasuredPeak,
        caseId: top.id,
      },
    ];
  });
  return { kernel, strategy: budget === null ? 'grid' : 'search', budget, spaceSize, best };
}
