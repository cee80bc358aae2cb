import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCpuInfo, readCpuInfo } from '../../src/host/cpu-info.js';

/** /proc/cpuinfo of the 2-vCPU AMD EPYC VM this was written on (Zen 5, no cpufreq in the guest). */
const EPYC_VM = `processor	: 0
vendor_id	: AuthenticAMD
cpu family	: 26
model		: 2
model name	: AMD EPYC
stepping	: 1
microcode	: 0x1000065
cpu MHz		: 2596.098
cache size	: 1024 KB
physical id	: 0
siblings	: 2
core id		: 0
cpu cores	: 2
apicid		: 0
initial apicid	: 0
fpu		: yes
fpu_exception	: yes
cpuid level	: 28
wp		: yes
flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 clzero xsaveerptr arat avx512vbmi umip avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid fsrm avx512_vp2intersect
bugs		: sysret_ss_attrs null_seg spectre_v1 spectre_v2 spec_store_bypass srso spectre_v2_user
bogomips	: 5192.19
TLB size	: 192 4K pages
clflush size	: 64
cache_alignment	: 64
address sizes	: 48 bits physical, 48 bits virtual
power management:

processor	: 1
vendor_id	: AuthenticAMD
cpu family	: 26
model		: 2
model name	: AMD EPYC
stepping	: 1
microcode	: 0x1000065
cpu MHz		: 2596.098
cache size	: 1024 KB
physical id	: 0
siblings	: 2
core id		: 1
cpu cores	: 2
apicid		: 1
initial apicid	: 1
fpu		: yes
fpu_exception	: yes
cpuid level	: 28
wp		: yes
flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 clzero xsaveerptr arat avx512vbmi umip avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid fsrm avx512_vp2intersect
bugs		: sysret_ss_attrs null_seg spectre_v1 spectre_v2 spec_store_bypass srso spectre_v2_user
bogomips	: 5192.19
TLB size	: 192 4K pages
clflush size	: 64
cache_alignment	: 64
address sizes	: 48 bits physical, 48 bits virtual
power management:

`;

/** Arm layout (Cortex-A55 board): no model name, no physical/core ids, "Features" not "flags". */
const ARM_BOARD = `processor	: 0
BogoMIPS	: 48.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x2
CPU part	: 0xd05
CPU revision	: 0

processor	: 1
BogoMIPS	: 48.00
Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x2
CPU part	: 0xd05
CPU revision	: 0

Hardware	: Example Arm SoC
`;

/** Xeon-style block (trimmed); three of them give two hyperthreads on core 0 and one on core 1. */
function xeonBlock(processor: number, coreId: number): string {
  return [
    `processor\t: ${processor}`,
    'vendor_id\t: GenuineIntel',
    'model\t\t: 85',
    'model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz',
    'cpu MHz\t\t: 2200.000',
    'physical id\t: 0',
    `core id\t\t: ${coreId}`,
    'flags\t\t: fpu sse sse2 avx avx2 fma avx512f',
  ].join('\n');
}
const XEON_HT = `${[xeonBlock(0, 0), xeonBlock(1, 0), xeonBlock(2, 1)].join('\n\n')}\n`;

describe('parseCpuInfo', () => {
  it('reads the EPYC VM sample', () => {
    const info = parseCpuInfo(EPYC_VM);
    expect(info.model).toBe('AMD EPYC');
    expect(info.logicalCores).toBe(2);
    expect(info.physicalCores).toBe(2); // (physical id, core id) = (0, 0) and (0, 1)
    expect(info.cpuMhzGhz).toBeCloseTo(2.596098, 6);
    expect(info.modelNameGhz).toBeNull();
    expect(info.flags).toContain('avx512f');
    expect(info.flags).toContain('fma');
    expect(info.flags).toHaveLength(106);
  });

  it('counts physical cores as distinct (physical id, core id) pairs', () => {
    const info = parseCpuInfo(XEON_HT);
    expect(info.logicalCores).toBe(3);
    expect(info.physicalCores).toBe(2);
    expect(info.model).toBe('Intel(R) Xeon(R) CPU @ 2.20GHz');
    expect(info.modelNameGhz).toBe(2.2);
  });

  it('reads the Arm layout, where cores cannot be told from threads', () => {
    const info = parseCpuInfo(ARM_BOARD);
    expect(info.logicalCores).toBe(2);
    expect(info.physicalCores).toBeNull();
    expect(info.model).toBe('Example Arm SoC');
    expect(info.cpuMhzGhz).toBeNull();
    expect(info.flags).toContain('asimd');
  });

  it('survives an empty file', () => {
    expect(parseCpuInfo('')).toEqual({
      model: null,
      physicalCores: null,
      logicalCores: 0,
      cpuMhzGhz: null,
      modelNameGhz: null,
      flags: [],
    });
  });
});

describe('readCpuInfo', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'flopscope-cpuinfo-'));
    await writeFile(path.join(dir, 'epyc'), EPYC_VM);
    await writeFile(path.join(dir, 'arm'), ARM_BOARD);
    await writeFile(path.join(dir, 'max_freq'), '3700000\n'); // kHz, as cpufreq writes it
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prefers cpufreq's maximum clock", async () => {
    const info = await readCpuInfo({ procCpuinfo: path.join(dir, 'epyc'), cpufreqMaxKhz: path.join(dir, 'max_freq') });
    expect(info).toMatchObject({
      model: 'AMD EPYC',
      physicalCores: 2,
      logicalCores: 2,
      clockGhz: 3.7,
      clockSource: 'cpufreq-max',
    });
  });

  it("falls back to /proc/cpuinfo's clock without cpufreq", async () => {
    const info = await readCpuInfo({ procCpuinfo: path.join(dir, 'epyc'), cpufreqMaxKhz: path.join(dir, 'missing') });
    expect(info.clockSource).toBe('cpuinfo');
    expect(info.clockGhz).toBeCloseTo(2.596, 3);
    expect(info.flags).toContain('avx2');
  });

  it('falls back to os.cpus() for what /proc/cpuinfo lacks', async () => {
    const arm = await readCpuInfo({ procCpuinfo: path.join(dir, 'arm'), cpufreqMaxKhz: path.join(dir, 'missing') });
    expect(arm.physicalCores).toBe(2); // no core ids: one core per logical CPU
    expect(arm.clockSource).toBe('os.cpus');
    const none = await readCpuInfo({
      procCpuinfo: path.join(dir, 'missing'),
      cpufreqMaxKhz: path.join(dir, 'missing'),
    });
    expect(none.logicalCores).toBe(os.cpus().length);
    expect(none.physicalCores).toBe(os.cpus().length);
    expect(none.clockSource).toBe('os.cpus');
    expect(none.flags).toEqual([]);
  });
});
