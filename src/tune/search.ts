/**
 * Which configurations a tuning run measures, shape by shape: the whole grid, or within a budget
 * a search that prunes: the defaults, a seeded random sample, then a greedy walk to better
 * neighbours of the best configuration so far (one axis, one step), random again when the walk
 * is stuck. Pure: it sees only the records of what was measured.
 */
import { gridPoints, neighbours, paramKey } from '../api/params.js';
import type { KernelDescriptor, Params, Shape } from '../api/types.js';
import type { CaseRecord } from '../results/schema.js';
import { createRng } from '../stats/rng.js';

/** A configuration to measure at a shape. */
export interface TuneCase {
  shape: Shape;
  params: Params;
}

/** Part of the budget spent on the random sample before the greedy walk starts. */
const RANDOM_FRACTION = 0.5;

/**
 * The figure a search ranks by: the kernel's headline rate (GFLOP/s, or GB/s for a memory-bound kernel) of a
 * case that ran and passed its check, else null.
 */
export function tuneScore(
  record: Pick<CaseRecord, 'status' | 'gflops'> & Partial<Pick<CaseRecord, 'metric' | 'gbPerS'>>,
): number | null {
  if (record.status !== 'ok') return null;
  const rate = record.metric === 'bandwidth' ? record.gbPerS : record.gflops;
  return rate ?? null;
}

/** The search over one shape. */
class ShapeSearch {
  private readonly tried = new Set<string>();
  private readonly points: Params[];
  private readonly rng;

  constructor(
    private readonly kernel: KernelDescriptor,
    readonly shape: Shape,
    private readonly budget: number | null,
    seed: number,
  ) {
    this.points = gridPoints(kernel.paramSpace);
    this.rng = createRng(seed);
  }

  /** Configurations of the space, how many in all. */
  get size(): number {
    return this.points.length;
  }

  /** The next configuration to measure given this shape's records so far, or null when done. */
  next(records: readonly CaseRecord[]): Params | null {
    const untried = (params: Params) => !this.tried.has(paramKey(params));
    const take = (params: Params) => {
      this.tried.add(paramKey(params));
      return params;
    };
    if (this.budget === null) {
      const next = this.points.find(untried);
      return next ? take(next) : null;
    }
    // Configurations skipped as unsupported cost no time and do not count against the budget.
    const measured = records.filter((r) => r.status !== 'unsupported');
    if (measured.length >= this.budget || this.tried.size >= this.points.length) return null;
    const defaults = { ...this.kernel.defaultParams };
    if (untried(defaults) && this.points.some((p) => paramKey(p) === paramKey(defaults))) return take(defaults);
    if (measured.length >= Math.ceil(this.budget * RANDOM_FRACTION)) {
      const best = bestRecord(records);
      const step = best ? neighbours(this.kernel.paramSpace, best.params).find(untried) : undefined;
      if (step) return take(step);
    }
    const left = this.points.filter(untried);
    return left.length > 0 ? take(left[this.rng.nextInt(left.length)]!) : null;
  }
}

/** The record with the highest rate among those that ran and passed, or null. */
export function bestRecord(records: readonly CaseRecord[]): CaseRecord | null {
  let best: CaseRecord | null = null;
  for (const record of records) {
    const score = tuneScore(record);
    if (score !== null && (best === null || score > tuneScore(best)!)) best = record;
  }
  return best;
}

/**
 * A tuning search over several shapes, one after the other: `next` returns the next case given
 * every record so far (of this kernel), or null when every shape is done. `budget` null = grid.
 */
export class TuneSearch {
  private readonly searches: ShapeSearch[];
  private current = 0;

  constructor(
    private readonly kernel: KernelDescriptor,
    shapes: readonly Shape[],
    private readonly budget: number | null,
    seed: number,
  ) {
    this.searches = shapes.map((shape, i) => new ShapeSearch(kernel, shape, budget, seed + i));
  }

  /** Configurations in the kernel's whole space. */
  get spaceSize(): number {
    return this.searches[0]?.size ?? 0;
  }

  /** Configurations the run will measure at most (for progress). */
  get expected(): number {
    return this.searches.reduce(
      (sum, search) => sum + (this.budget === null ? search.size : Math.min(this.budget, search.size)),
      0,
    );
  }

  /** The next case to measure, or null when done. */
  next(records: readonly CaseRecord[]): TuneCase | null {
    while (this.current < this.searches.length) {
      const search = this.searches[this.current]!;
      const label = this.kernel.formatShape(search.shape);
      const own = records.filter((r) => r.kernel === this.kernel.name && r.shapeLabel === label);
      const params = search.next(own);
      if (params) return { shape: search.shape, params };
      this.current++;
    }
    return null;
  }
}
