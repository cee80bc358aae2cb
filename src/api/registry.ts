/**
 * The kernels a run can measure: the built-in ones (src/kernels/, each defined with the public
 * API) and the user's (their config, src/host/config-loader.ts), under unique names. Suites,
 * model workloads and the features the runner asks for are derived from it. Pure.
 */
import type { KernelDescriptor, KernelFamily } from './types.js';
import { UsageError } from '../errors.js';

/** The order families are listed in; others (a user's own kinds) follow. */
const FAMILY_ORDER: readonly string[] = ['matmul', 'conv', 'bandwidth', 'peak'];

/** Where a kernel came from, for messages: 'built in', or the user's module. */
export function kernelOrigin(kernel: KernelDescriptor): string {
  return kernel.source.module ?? 'built in';
}

/** Kernels by name. */
export class KernelRegistry {
  private readonly byName = new Map<string, KernelDescriptor>();

  /**
   * `builtins` in listing order (family, then baseline first and faster later), then `user`
   * kernels in the order given; a UsageError when a name is taken twice (a user kernel may not
   * shadow a built-in).
   */
  constructor(builtins: readonly KernelDescriptor[], user: readonly KernelDescriptor[] = []) {
    const family = (k: KernelDescriptor) =>
      k.peer
        ? FAMILY_ORDER.length + 1
        : FAMILY_ORDER.includes(k.family)
          ? FAMILY_ORDER.indexOf(k.family)
          : FAMILY_ORDER.length;
    const sorted = [...builtins].sort(
      (a, b) =>
        family(a) - family(b) ||
        Number(b.baseline ?? false) - Number(a.baseline ?? false) ||
        (a.rank ?? 0) - (b.rank ?? 0) ||
        a.name.localeCompare(b.name),
    );
    for (const kernel of [...sorted, ...user]) {
      const taken = this.byName.get(kernel.name);
      if (taken) {
        throw new UsageError(
          `two kernels are called ${kernel.name} (${kernelOrigin(taken)} and ${kernelOrigin(kernel)}): rename one${taken.source.module ? '' : ' (a kernel of yours may not shadow a built-in)'}`,
        );
      }
      this.byName.set(kernel.name, kernel);
    }
  }

  /** Every kernel, in listing order. */
  get all(): readonly KernelDescriptor[] {
    return [...this.byName.values()];
  }

  /** The names, in listing order. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The kernel called `name`; a UsageError listing the valid names otherwise. */
  get(name: string): KernelDescriptor {
    const kernel = this.byName.get(name);
    if (!kernel) throw new UsageError(`unknown kernel "${name}": choose one of ${this.names.join(', ')}`);
    return kernel;
  }

  /** The kernel called `name`, or undefined. */
  find(name: string): KernelDescriptor | undefined {
    return this.byName.get(name);
  }

  /** The kernels of a family that flopscope runs itself (peers excluded), in listing order. */
  family(family: KernelFamily): KernelDescriptor[] {
    return this.all.filter((kernel) => kernel.family === family && !kernel.peer);
  }

  /** Peer libraries' implementations of a family's problem (TF.js, ONNX Runtime Web). */
  peers(family: KernelFamily): KernelDescriptor[] {
    return this.all.filter((kernel) => kernel.family === family && kernel.peer);
  }

  /**
   * The highest-ranked kernel of `family` solving `problem` whose features the adapter has (all: any), or
   * undefined.
   */
  fastest(family: KernelFamily, problem: string, features?: readonly string[]): KernelDescriptor | undefined {
    const runnable = this.family(family).filter(
      (k) =>
        k.problem === problem &&
        k.rank !== undefined &&
        (!features || (k.requiredFeatures ?? []).every((f) => features.includes(f))),
    );
    return runnable.sort((a, b) => b.rank! - a.rank!)[0];
  }

  /** The family's baseline kernel (matmul-naive for matmul), or undefined. */
  baseline(family: KernelFamily): KernelDescriptor | undefined {
    return this.family(family).find((k) => k.baseline);
  }

  /** Every adapter feature some kernel needs: the runner asks the device for those the adapter has. */
  features(): string[] {
    return [...new Set(this.all.flatMap((kernel) => kernel.requiredFeatures ?? []))].sort();
  }
}
