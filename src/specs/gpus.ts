/**
 * The vendor peak table: GPUs people benchmark, each with the vendor's dense peaks and the
 * page they come from. Validated against GpuSpecSchema when this module loads.
 *
 * Reading rules, applied to every row:
 * - `fp32Tflops` is the vector (non-tensor) FP32 peak at the boost clock the vendor quotes.
 *   Where the vendor prints no TFLOPS figure it is shaderCores x boost clock x 2 and the notes
 *   say so.
 * - `tensorFp16Tflops` is dense. Sheets print the 2:4 sparsity figure (2x) with an asterisk;
 *   it is halved here. GeForce cards run FP16 matrix math with FP32 accumulate at half the
 *   FP16-accumulate rate: this table uses FP32 accumulate (what cuBLAS and frameworks use) and
 *   gives the FP16-accumulate figure in the notes. Data-centre parts run both at one rate.
 * - `architecture` is what Dawn (Chrome's WebGPU) reports, from Dawn's src/dawn/gpu_info.json:
 *   vendor and architecture names there are lower-cased, words joined with '-' except after a
 *   digit ('Gen 12 LP' -> 'gen-12lp', 'RDNA 3' -> 'rdna-3'). Apple GPUs have no PCI id, so Dawn
 *   reports the highest Metal family: 'metal-3' on macOS 13+ for every M-series chip.
 */
import { type GpuSpec, type GpuSpecInput, parseGpuSpecs } from './schema.js';

const H100_PAGE = {
  url: 'https://www.nvidia.com/en-us/data-center/h100/',
  title: 'NVIDIA H100 Tensor Core GPU (product page and datasheet)',
};
const A100_DATASHEET = {
  url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf',
  title: 'NVIDIA A100 Tensor Core GPU datasheet',
};
const V100_DATASHEET = {
  url: 'https://images.nvidia.com/content/technologies/volta/pdf/volta-v100-datasheet-update-us-1165301-r5.pdf',
  title: 'NVIDIA Tesla V100 GPU datasheet',
};
const ADA_WHITEPAPER = {
  url: 'https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf',
  title: 'NVIDIA Ada GPU Architecture whitepaper (appendix tables)',
};
const GA102_WHITEPAPER = {
  url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/geforce/ampere/pdf/NVIDIA-ampere-GA102-GPU-Architecture-Whitepaper-V1.pdf',
  title: 'NVIDIA Ampere GA102 GPU Architecture whitepaper (appendix tables)',
};
const METAL_BENCHMARKS = {
  url: 'https://github.com/philipturner/metal-benchmarks',
  title: 'philipturner/metal-benchmarks: Apple GPU clock speeds, core counts and FLOPS',
};
/** Howard Oakley's powermetrics measurement of an M4 Pro GPU (mirror of eclecticlight.co, 22 Jan 2025). */
const M4_GPU_CLOCK = {
  url: 'https://macmegasite.com/?p=118175',
  title: 'M4 Pro full on: when CPU and GPU draw over 50 W (GPU maximum frequency 1,578 MHz, measured)',
};

/** Dawn's 'metal-3' plus the notes every Apple row shares. */
const APPLE = {
  vendor: 'apple',
  architecture: 'metal-3',
  kind: 'apple-soc',
  fp16Tflops: null,
  tensorFp16Tflops: null,
  memoryGb: null,
  tdpWatts: null,
} as const;
const APPLE_NOTE =
  'Apple publishes GPU core counts and bandwidth but no clocks: fp32 = cores x 128 ALUs x clock x 2, computed. ' +
  'No fp16 figure from Apple (metal-benchmarks measures FP16 at the FP32 rate on M1 and later); ' +
  'no matrix units (simdgroup_matrix runs on the ALUs). Unified memory: the GPU shares system RAM.';

const ROWS = [
  // ---------------------------------------------------------------- NVIDIA data centre
  {
    id: 'nvidia-h100-sxm',
    name: 'NVIDIA H100 SXM',
    vendor: 'nvidia',
    architecture: null,
    aliases: ['H100 80GB HBM3', 'H100 SXM5', 'H100 SXM'],
    pciDeviceIds: ['0x2330'],
    kind: 'datacenter',
    shaderCores: 16896,
    boostClockMhz: 1980,
    fp32Tflops: 67,
    fp16Tflops: 133.8,
    tensorFp16Tflops: 989.4,
    memoryBandwidthGbPerS: 3350,
    memoryGb: 80,
    tdpWatts: 700,
    source: H100_PAGE,
    notes:
      "Tensor FP16 989.4 dense (the sheet's 1,979 is with sparsity), FP16 and FP32 accumulate at one rate; " +
      'FP16 vector 133.8 from the Hopper whitepaper (2x FP32). Dawn has no Hopper ids (0x23xx), so Chrome reports architecture "".',
  },
  {
    id: 'nvidia-h100-pcie',
    name: 'NVIDIA H100 PCIe',
    vendor: 'nvidia',
    architecture: null,
    aliases: ['H100 PCIe'],
    pciDeviceIds: ['0x2331'],
    kind: 'datacenter',
    shaderCores: 14592,
    boostClockMhz: 1755,
    fp32Tflops: 51,
    fp16Tflops: 102.4,
    tensorFp16Tflops: 756.5,
    memoryBandwidthGbPerS: 2000,
    memoryGb: 80,
    tdpWatts: 350,
    source: H100_PAGE,
    notes:
      "From the H100 datasheet's PCIe column (the current page lists H100 NVL instead): FP32 51, FP16 tensor 1,513 with sparsity " +
      '-> 756.5 dense, 2 TB/s HBM2e, 300-350 W. FP16 vector 102.4 from the Hopper whitepaper. Dawn reports architecture "".',
  },
  {
    id: 'nvidia-h200-sxm',
    name: 'NVIDIA H200 SXM',
    vendor: 'nvidia',
    architecture: null,
    aliases: ['H200', 'H200 SXM'],
    pciDeviceIds: ['0x2335'],
    kind: 'datacenter',
    shaderCores: 16896,
    boostClockMhz: 1980,
    fp32Tflops: 67,
    fp16Tflops: 133.8,
    tensorFp16Tflops: 989.4,
    memoryBandwidthGbPerS: 4800,
    memoryGb: 141,
    tdpWatts: 700,
    source: {
      url: 'https://www.nvidia.com/en-us/data-center/h200/',
      title: 'NVIDIA H200 Tensor Core GPU (product page and datasheet)',
    },
    notes:
      'Same GH100 compute as H100 SXM (sheet: FP32 67, FP16 tensor 1,979 with sparsity -> 989.4 dense as for H100); ' +
      '141 GB HBM3e at 4.8 TB/s. H200 NVL (lower clocks, 600 W) is a different row. Dawn reports architecture "".',
  },
  {
    id: 'nvidia-a100-sxm-40gb',
    name: 'NVIDIA A100 SXM4 40GB',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: ['A100-SXM4-40GB', 'A100 SXM4 40GB'],
    pciDeviceIds: ['0x20b0'],
    kind: 'datacenter',
    shaderCores: 6912,
    boostClockMhz: 1410,
    fp32Tflops: 19.5,
    fp16Tflops: 78,
    tensorFp16Tflops: 312,
    memoryBandwidthGbPerS: 1555,
    memoryGb: 40,
    tdpWatts: 400,
    source: A100_DATASHEET,
    notes:
      'Tensor FP16 312 dense (624 with sparsity), FP16 and FP32 accumulate at one rate. FP16 vector (non-tensor) 78 from the ' +
      'A100 whitepaper (4x FP32). The PCIe A100s are not in this table.',
  },
  {
    id: 'nvidia-a100-sxm-80gb',
    name: 'NVIDIA A100 SXM4 80GB',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: ['A100-SXM4-80GB', 'A100 SXM4 80GB'],
    pciDeviceIds: ['0x20b2'],
    kind: 'datacenter',
    shaderCores: 6912,
    boostClockMhz: 1410,
    fp32Tflops: 19.5,
    fp16Tflops: 78,
    tensorFp16Tflops: 312,
    memoryBandwidthGbPerS: 2039,
    memoryGb: 80,
    tdpWatts: 400,
    source: A100_DATASHEET,
    notes:
      'As the 40 GB SXM4 part but HBM2e at 2,039 GB/s. Tensor 312 dense (624 with sparsity); FP16 vector 78 (A100 whitepaper).',
  },
  {
    id: 'nvidia-v100-sxm2',
    name: 'NVIDIA Tesla V100 SXM2',
    vendor: 'nvidia',
    architecture: 'pascal',
    aliases: ['V100-SXM2-16GB', 'V100-SXM2-32GB', 'V100 SXM2'],
    pciDeviceIds: ['0x1db1', '0x1db5'],
    kind: 'datacenter',
    shaderCores: 5120,
    boostClockMhz: 1530,
    fp32Tflops: 15.7,
    fp16Tflops: 31.4,
    tensorFp16Tflops: 125,
    memoryBandwidthGbPerS: 900,
    memoryGb: 32,
    tdpWatts: 300,
    source: V100_DATASHEET,
    notes:
      'Volta, but Dawn maps device ids 0x1Dxx to "pascal", so that is what Chrome reports. Tensor 125 is FP16 multiply with FP32 ' +
      "accumulate (Volta has no sparsity). FP16 vector 31.4 (2x FP32) from the A100 whitepaper's V100 column. 16 GB and 32 GB " +
      'variants share every other figure.',
  },
  {
    id: 'nvidia-v100-pcie',
    name: 'NVIDIA Tesla V100 PCIe',
    vendor: 'nvidia',
    architecture: 'pascal',
    aliases: ['V100-PCIE-16GB', 'V100-PCIE-32GB', 'V100 PCIe'],
    pciDeviceIds: ['0x1db4', '0x1db6'],
    kind: 'datacenter',
    shaderCores: 5120,
    boostClockMhz: 1380,
    fp32Tflops: 14,
    fp16Tflops: 28,
    tensorFp16Tflops: 112,
    memoryBandwidthGbPerS: 900,
    memoryGb: 32,
    tdpWatts: 250,
    source: V100_DATASHEET,
    notes:
      'Dawn reports "pascal" (device ids 0x1Dxx). Tensor 112 (FP16 multiply, FP32 accumulate). FP16 vector = 2x FP32, computed. ' +
      '16 GB and 32 GB variants share every other figure.',
  },
  {
    id: 'nvidia-a10',
    name: 'NVIDIA A10',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: [],
    pciDeviceIds: ['0x2236'],
    kind: 'datacenter',
    shaderCores: 9216,
    boostClockMhz: 1695,
    fp32Tflops: 31.2,
    fp16Tflops: 31.2,
    tensorFp16Tflops: 125,
    memoryBandwidthGbPerS: 600,
    memoryGb: 24,
    tdpWatts: 150,
    source: {
      url: 'https://www.nvidia.com/en-us/data-center/products/a10-gpu/',
      title: 'NVIDIA A10 Tensor Core GPU (product page)',
    },
    notes:
      'Tensor FP16 125 dense (250 with sparsity). FP16 vector = FP32 (GA10x runs FP16 at 1:1, GA102 whitepaper). ' +
      "AWS's A10G is a different part with lower tensor rates and does not match this row.",
  },
  {
    id: 'nvidia-l4',
    name: 'NVIDIA L4',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: [],
    pciDeviceIds: ['0x27b8'],
    kind: 'datacenter',
    shaderCores: 7424,
    boostClockMhz: 2040,
    fp32Tflops: 30.3,
    fp16Tflops: 30.3,
    tensorFp16Tflops: 121,
    memoryBandwidthGbPerS: 300,
    memoryGb: 24,
    tdpWatts: 72,
    source: {
      url: 'https://www.nvidia.com/en-us/data-center/l4/',
      title: 'NVIDIA L4 Tensor Core GPU (product page and datasheet)',
    },
    notes:
      "Tensor FP16 121 dense (the sheet's 242 is with sparsity). FP16 vector = FP32 (Ada runs FP16 at 1:1, Ada whitepaper).",
  },
  {
    id: 'nvidia-l40s',
    name: 'NVIDIA L40S',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: [],
    pciDeviceIds: ['0x26b9'],
    kind: 'datacenter',
    shaderCores: 18176,
    boostClockMhz: 2520,
    fp32Tflops: 91.6,
    fp16Tflops: 91.6,
    tensorFp16Tflops: 362.05,
    memoryBandwidthGbPerS: 864,
    memoryGb: 48,
    tdpWatts: 350,
    source: {
      url: 'https://www.nvidia.com/en-us/data-center/l40s/',
      title: 'NVIDIA L40S GPU (product page and datasheet)',
    },
    notes:
      'Tensor FP16 362.05 dense (733 with sparsity). FP16 vector = FP32 (Ada 1:1). The L40 (no S) is not in this table and does not match this row.',
  },
  {
    id: 'nvidia-t4',
    name: 'NVIDIA T4',
    vendor: 'nvidia',
    architecture: 'turing',
    aliases: ['Tesla T4'],
    pciDeviceIds: ['0x1eb8'],
    kind: 'datacenter',
    shaderCores: 2560,
    boostClockMhz: 1590,
    fp32Tflops: 8.1,
    fp16Tflops: 16.2,
    tensorFp16Tflops: 65,
    memoryBandwidthGbPerS: 320,
    memoryGb: 16,
    tdpWatts: 70,
    source: {
      url: 'https://www.nvidia.com/en-us/data-center/tesla-t4/',
      title: 'NVIDIA T4 Tensor Core GPU (product page and datasheet)',
    },
    notes:
      'Tensor 65 is the sheet\'s "mixed precision (FP16/FP32)" figure: FP16 multiply, FP32 accumulate, dense (Turing has no ' +
      'sparsity). FP16 vector = 2x FP32 as Turing runs it, computed (the sheet gives none).',
  },
  // ---------------------------------------------------------------- NVIDIA GeForce
  {
    id: 'nvidia-rtx-5090',
    name: 'NVIDIA GeForce RTX 5090',
    vendor: 'nvidia',
    architecture: 'blackwell',
    aliases: ['RTX 5090'],
    kind: 'desktop',
    shaderCores: 21760,
    boostClockMhz: 2407,
    fp32Tflops: 104.8,
    fp16Tflops: 104.8,
    tensorFp16Tflops: 209.5,
    memoryBandwidthGbPerS: 1792,
    memoryGb: 32,
    tdpWatts: 575,
    source: {
      url: 'https://images.nvidia.com/aem-dam/Solutions/geforce/blackwell/nvidia-rtx-blackwell-gpu-architecture.pdf',
      title: 'NVIDIA RTX Blackwell GPU Architecture whitepaper',
    },
    notes:
      'Tensor 209.5 = FP16 with FP32 accumulate, dense (680 tensor cores x 2.407 GHz x 128); with FP16 accumulate 419 dense, ' +
      '838 with sparsity. FP16 vector = FP32 (1:1). Bandwidth 28 Gbps GDDR7 x 512 bit.',
  },
  {
    id: 'nvidia-rtx-4090',
    name: 'NVIDIA GeForce RTX 4090',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: ['RTX 4090'],
    pciDeviceIds: ['0x2684'],
    kind: 'desktop',
    shaderCores: 16384,
    boostClockMhz: 2520,
    fp32Tflops: 82.6,
    fp16Tflops: 82.6,
    tensorFp16Tflops: 165.2,
    memoryBandwidthGbPerS: 1008,
    memoryGb: 24,
    tdpWatts: 450,
    source: ADA_WHITEPAPER,
    notes:
      'Tensor 165.2 = FP16 with FP32 accumulate, dense; FP16 accumulate 330.3 dense (660.6 with sparsity). FP16 vector = FP32 (1:1).',
  },
  {
    id: 'nvidia-rtx-4080-super',
    name: 'NVIDIA GeForce RTX 4080 SUPER',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: ['RTX 4080 SUPER'],
    kind: 'desktop',
    shaderCores: 10240,
    boostClockMhz: 2550,
    fp32Tflops: 52.2,
    fp16Tflops: 52.2,
    tensorFp16Tflops: 104.4,
    memoryBandwidthGbPerS: 736,
    memoryGb: 16,
    tdpWatts: 320,
    source: {
      url: 'https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4080-family/',
      title: 'NVIDIA GeForce RTX 4080 family specifications',
    },
    notes:
      'Not in the Ada whitepaper: fp32 = 10,240 cores x 2.55 GHz x 2, tensor = 320 tensor cores x 2.55 GHz x 128 (FP32 ' +
      'accumulate, dense; 208.9 with FP16 accumulate), bandwidth = 23 Gbps x 256 bit, all computed from the spec page.',
  },
  {
    id: 'nvidia-rtx-4080',
    name: 'NVIDIA GeForce RTX 4080',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: ['RTX 4080'],
    kind: 'desktop',
    shaderCores: 9728,
    boostClockMhz: 2505,
    fp32Tflops: 48.7,
    fp16Tflops: 48.7,
    tensorFp16Tflops: 97.5,
    memoryBandwidthGbPerS: 716.8,
    memoryGb: 16,
    tdpWatts: 320,
    source: ADA_WHITEPAPER,
    notes:
      'The 16 GB card. Tensor 97.5 = FP16 with FP32 accumulate, dense; FP16 accumulate 194.9. FP16 vector = FP32 (1:1).',
  },
  {
    id: 'nvidia-rtx-4070',
    name: 'NVIDIA GeForce RTX 4070',
    vendor: 'nvidia',
    architecture: 'lovelace',
    aliases: ['RTX 4070'],
    kind: 'desktop',
    shaderCores: 5888,
    boostClockMhz: 2475,
    fp32Tflops: 29.1,
    fp16Tflops: 29.1,
    tensorFp16Tflops: 58.3,
    memoryBandwidthGbPerS: 504,
    memoryGb: 12,
    tdpWatts: 200,
    source: {
      url: 'https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4070-family/',
      title: 'NVIDIA GeForce RTX 4070 family specifications',
    },
    notes:
      'Not in the Ada whitepaper: fp32 = 5,888 x 2.475 GHz x 2, tensor = 184 tensor cores x 2.475 GHz x 128 (FP32 accumulate, ' +
      'dense; 116.6 with FP16 accumulate), bandwidth = 21 Gbps x 192 bit, all computed from the spec page.',
  },
  {
    id: 'nvidia-rtx-3090',
    name: 'NVIDIA GeForce RTX 3090',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: ['RTX 3090'],
    kind: 'desktop',
    shaderCores: 10496,
    boostClockMhz: 1695,
    fp32Tflops: 35.6,
    fp16Tflops: 35.6,
    tensorFp16Tflops: 71,
    memoryBandwidthGbPerS: 936,
    memoryGb: 24,
    tdpWatts: 350,
    source: GA102_WHITEPAPER,
    notes:
      'Tensor 71 = FP16 with FP32 accumulate, dense; FP16 accumulate 142 (284 with sparsity). FP16 vector = FP32 (1:1 on GA10x).',
  },
  {
    id: 'nvidia-rtx-3080',
    name: 'NVIDIA GeForce RTX 3080',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: ['RTX 3080'],
    kind: 'desktop',
    shaderCores: 8704,
    boostClockMhz: 1710,
    fp32Tflops: 29.8,
    fp16Tflops: 29.8,
    tensorFp16Tflops: 59.5,
    memoryBandwidthGbPerS: 760,
    memoryGb: 10,
    tdpWatts: 320,
    source: GA102_WHITEPAPER,
    notes:
      'The 10 GB card. Tensor 59.5 = FP16 with FP32 accumulate, dense; FP16 accumulate 119. The 12 GB RTX 3080 (8,960 cores, ' +
      '912 GB/s) reports the same name and gets this row.',
  },
  {
    id: 'nvidia-rtx-3060',
    name: 'NVIDIA GeForce RTX 3060',
    vendor: 'nvidia',
    architecture: 'ampere',
    aliases: ['RTX 3060'],
    kind: 'desktop',
    shaderCores: 3584,
    boostClockMhz: 1777,
    fp32Tflops: 12.7,
    fp16Tflops: 12.7,
    tensorFp16Tflops: 25.5,
    memoryBandwidthGbPerS: 360,
    memoryGb: 12,
    tdpWatts: 170,
    source: {
      url: 'https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/',
      title: 'NVIDIA GeForce RTX 3060 family specifications',
    },
    notes:
      'The 12 GB card. Not in the GA102 whitepaper: fp32 = 3,584 x 1.777 GHz x 2, tensor = 112 tensor cores x 1.777 GHz x 128 ' +
      '(FP32 accumulate, dense; 51 with FP16 accumulate), bandwidth = 15 Gbps x 192 bit, all computed. The 8 GB card ' +
      '(240 GB/s) reports the same name.',
  },
  {
    id: 'nvidia-rtx-2080-ti',
    name: 'NVIDIA GeForce RTX 2080 Ti',
    vendor: 'nvidia',
    architecture: 'turing',
    aliases: ['RTX 2080 Ti'],
    kind: 'desktop',
    shaderCores: 4352,
    boostClockMhz: 1545,
    fp32Tflops: 13.4,
    fp16Tflops: 26.9,
    tensorFp16Tflops: 53.8,
    memoryBandwidthGbPerS: 616,
    memoryGb: 11,
    tdpWatts: 250,
    source: {
      url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf',
      title: 'NVIDIA Turing GPU Architecture whitepaper',
    },
    notes:
      'Reference clocks (1545 MHz). Tensor 53.8 = FP16 with FP32 accumulate; FP16 accumulate 107.6. The Founders Edition ' +
      '(1635 MHz, 260 W) reaches 14.2 / 28.5 / 56.9. FP16 vector = 2x FP32 on Turing.',
  },
  // ---------------------------------------------------------------- AMD
  {
    id: 'amd-instinct-mi300x',
    name: 'AMD Instinct MI300X',
    vendor: 'amd',
    architecture: null,
    aliases: ['MI300X'],
    kind: 'datacenter',
    shaderCores: 19456,
    boostClockMhz: 2100,
    fp32Tflops: 163.4,
    fp16Tflops: null,
    tensorFp16Tflops: 1307.4,
    memoryBandwidthGbPerS: 5300,
    memoryGb: 192,
    tdpWatts: 750,
    source: {
      url: 'https://rocm.docs.amd.com/en/docs-6.2.2/conceptual/gpu-arch/mi300.html',
      title: 'AMD Instinct MI300 series microarchitecture (ROCm documentation, peak-performance table)',
    },
    notes:
      'AMD counts vector FP32 at 256 FLOPs/clock/CU, i.e. packed (2-wide) FP32: 304 CUs x 2.1 GHz x 256 = 163.4. Plain FMAs ' +
      'on 19,456 lanes give half that, 81.7. Matrix FP16 1307.4 dense (2614.9 with sparsity). AMD publishes no vector FP16 ' +
      'figure. Dawn has no id for it (0x74a1), so Chrome reports architecture "".',
  },
  {
    id: 'amd-instinct-mi250x',
    name: 'AMD Instinct MI250X',
    vendor: 'amd',
    architecture: 'rdna-2',
    aliases: ['MI250X'],
    kind: 'datacenter',
    shaderCores: 14080,
    boostClockMhz: 1700,
    fp32Tflops: 47.9,
    fp16Tflops: null,
    tensorFp16Tflops: 383,
    memoryBandwidthGbPerS: 3276.8,
    memoryGb: 128,
    tdpWatts: 500,
    devicesPerPackage: 2,
    source: {
      url: 'https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html',
      title: 'AMD Instinct MI250X accelerator specifications',
    },
    notes:
      'Figures are for the whole OAM module, which is two GCDs; each GCD is its own device and WebGPU adapter with half of ' +
      'everything (110 CUs, 64 GB, 1.6 TB/s). Vector FP32 47.9 (128 FLOPs/clock/CU); packed FP32 95.7. Matrix FP16 383. ' +
      'Dawn maps device ids 0x740x to "rdna-2", so Chrome reports that although the chip is CDNA 2.',
  },
  {
    id: 'amd-radeon-rx-7900-xtx',
    name: 'AMD Radeon RX 7900 XTX',
    vendor: 'amd',
    architecture: 'rdna-3',
    aliases: ['RX 7900 XTX'],
    kind: 'desktop',
    shaderCores: 6144,
    boostClockMhz: 2500,
    fp32Tflops: 61.4,
    fp16Tflops: 122.8,
    tensorFp16Tflops: 122.8,
    memoryBandwidthGbPerS: 960,
    memoryGb: 24,
    tdpWatts: 355,
    source: {
      url: 'https://www.amd.com/en/products/graphics/desktops/radeon/7000-series/amd-radeon-rx-7900xtx.html',
      title: 'AMD Radeon RX 7900 XTX specifications',
    },
    notes:
      "AMD's 61.4 counts RDNA 3 dual issue (two FP32 FMAs per lane per clock); single issue is 6,144 x 2.5 GHz x 2 = 30.7, " +
      'which is what most compiled code reaches. FP16 122.8 is packed FP16, per AMD. WMMA (matrix) FP16 runs at the same ' +
      '512 FLOPs/clock/CU, so the matrix figure equals it; AMD prints no separate one.',
  },
  {
    id: 'amd-radeon-rx-6800-xt',
    name: 'AMD Radeon RX 6800 XT',
    vendor: 'amd',
    architecture: 'rdna-2',
    aliases: ['RX 6800 XT'],
    kind: 'desktop',
    shaderCores: 4608,
    boostClockMhz: 2250,
    fp32Tflops: 20.74,
    fp16Tflops: 41.47,
    tensorFp16Tflops: null,
    memoryBandwidthGbPerS: 512,
    memoryGb: 16,
    tdpWatts: 300,
    source: {
      url: 'https://www.amd.com/en/products/graphics/desktops/radeon/6000-series/amd-radeon-rx-6800-xt.html',
      title: 'AMD Radeon RX 6800 XT specifications',
    },
    notes:
      'Peak single and half precision as AMD prints them (FP16 packed, 2x). RDNA 2 has no matrix units. 16 Gbps GDDR6 x 256 bit.',
  },
  // ---------------------------------------------------------------- Apple (GPU part of the SoC)
  {
    ...APPLE,
    id: 'apple-m1',
    name: 'Apple M1',
    aliases: [],
    shaderCores: 1024,
    boostClockMhz: 1278,
    fp32Tflops: 2.617,
    memoryBandwidthGbPerS: 68.25,
    source: METAL_BENCHMARKS,
    notes: `8-core GPU at 1278 MHz (Apple quotes 2.6 TFLOPS; the 7-core bin is 2.29). LPDDR4X-4266 x 128 bit = 68.25 GB/s. ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m1-pro',
    name: 'Apple M1 Pro',
    aliases: [],
    shaderCores: 2048,
    boostClockMhz: 1296,
    fp32Tflops: 5.308,
    memoryBandwidthGbPerS: 200,
    source: METAL_BENCHMARKS,
    notes: `16-core GPU at 1296 MHz (Apple quotes 5.2 TFLOPS and 200 GB/s; 14-core bin has 7/8 of the compute). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m1-max',
    name: 'Apple M1 Max',
    aliases: [],
    shaderCores: 4096,
    boostClockMhz: 1296,
    fp32Tflops: 10.617,
    memoryBandwidthGbPerS: 400,
    source: METAL_BENCHMARKS,
    notes: `32-core GPU at 1296 MHz (Apple quotes 10.4 TFLOPS and 400 GB/s; 24-core bin has 3/4 of the compute). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m2',
    name: 'Apple M2',
    aliases: [],
    shaderCores: 1280,
    boostClockMhz: 1398,
    fp32Tflops: 3.579,
    memoryBandwidthGbPerS: 100,
    source: METAL_BENCHMARKS,
    notes: `10-core GPU at 1398 MHz (Apple quotes 3.6 TFLOPS and 100 GB/s; 8-core bin has 4/5). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m2-pro',
    name: 'Apple M2 Pro',
    aliases: [],
    shaderCores: 2432,
    boostClockMhz: 1398,
    fp32Tflops: 6.8,
    memoryBandwidthGbPerS: 200,
    source: METAL_BENCHMARKS,
    notes: `19-core GPU; metal-benchmarks gives >= 1398 MHz. 200 GB/s per Apple; 16-core bin has 16/19. ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m2-max',
    name: 'Apple M2 Max',
    aliases: [],
    shaderCores: 4864,
    boostClockMhz: 1398,
    fp32Tflops: 13.6,
    memoryBandwidthGbPerS: 400,
    source: METAL_BENCHMARKS,
    notes: `38-core GPU at >= 1398 MHz (Apple quotes 13.6 TFLOPS and 400 GB/s; 30-core bin has 30/38). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m3',
    name: 'Apple M3',
    aliases: [],
    shaderCores: 1280,
    boostClockMhz: 1398,
    fp32Tflops: 3.579,
    memoryBandwidthGbPerS: 100,
    source: {
      url: 'https://hmc-tech.com/gpu/apple_10_core_m3',
      title: 'hmc-tech GPU database: Apple 10-core M3 (1398 MHz)',
    },
    notes:
      `10-core GPU. Clock uncertain: third-party databases give 1398 MHz (used here) and others 1380 MHz (1.3% lower). 100 GB/s ` +
      `per Apple (https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m3-max',
    name: 'Apple M3 Max',
    aliases: [],
    shaderCores: 5120,
    boostClockMhz: 1398,
    fp32Tflops: 14.316,
    memoryBandwidthGbPerS: 400,
    source: {
      url: 'https://hmc-tech.com/gpu/apple-32-core-m4-max-vs-apple-40-core-m3-max',
      title: 'hmc-tech GPU database: Apple 40-core M3 Max (1398 MHz)',
    },
    notes:
      `40-core GPU with 400 GB/s per Apple; the 30-core bin has 300 GB/s and 3/4 of the compute. Clock uncertain as for M3 ` +
      `(1398 MHz used, 1380 also reported). ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m4',
    name: 'Apple M4',
    aliases: [],
    shaderCores: 1280,
    boostClockMhz: 1578,
    fp32Tflops: 4.04,
    memoryBandwidthGbPerS: 120,
    source: M4_GPU_CLOCK,
    notes:
      `10-core GPU, 120 GB/s per Apple (https://www.apple.com/newsroom/2024/05/apple-introduces-m4-chip/). Clock: 1578 MHz was ` +
      `measured on an M4 Pro and is assumed for the whole M4 generation; fanless machines will not hold it. ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m4-pro',
    name: 'Apple M4 Pro',
    aliases: [],
    shaderCores: 2560,
    boostClockMhz: 1578,
    fp32Tflops: 8.079,
    memoryBandwidthGbPerS: 273,
    source: M4_GPU_CLOCK,
    notes:
      `20-core GPU at the measured 1578 MHz maximum; 273 GB/s per Apple ` +
      `(https://www.apple.com/newsroom/2024/10/apple-introduces-m4-pro-and-m4-max/); 16-core bin has 4/5. ${APPLE_NOTE}`,
  },
  {
    ...APPLE,
    id: 'apple-m4-max',
    name: 'Apple M4 Max',
    aliases: [],
    shaderCores: 5120,
    boostClockMhz: 1578,
    fp32Tflops: 16.159,
    memoryBandwidthGbPerS: 546,
    source: M4_GPU_CLOCK,
    notes:
      `40-core GPU, 546 GB/s per Apple (https://www.apple.com/newsroom/2024/10/apple-introduces-m4-pro-and-m4-max/); the ` +
      `32-core bin has 410 GB/s. Clock measured on an M4 Pro (1578 MHz), assumed here. ${APPLE_NOTE}`,
  },
  // ---------------------------------------------------------------- Intel
  {
    id: 'intel-arc-a770',
    name: 'Intel Arc A770',
    vendor: 'intel',
    architecture: 'gen-12hp',
    aliases: ['Arc A770'],
    kind: 'desktop',
    shaderCores: 4096,
    boostClockMhz: 2100,
    fp32Tflops: 17.2,
    fp16Tflops: 34.4,
    tensorFp16Tflops: 137.6,
    memoryBandwidthGbPerS: 560,
    memoryGb: 16,
    tdpWatts: 225,
    source: {
      url: 'https://www.intel.com/content/www/us/en/products/sku/229151/intel-arc-a770-graphics-16gb/specifications.html',
      title: 'Intel Arc A770 Graphics (16GB) specifications',
    },
    notes:
      'Intel prints no TFLOPS. From the spec page (32 Xe-cores, 512 vector engines of 8 FP32 lanes, 2100 MHz graphics clock) ' +
      "and the Xe-HPG whitepaper's per-Xe-core rates (256 FP32, 512 FP16, 2048 XMX FP16 FLOPs/clock), computed: " +
      'fp32 = 4,096 x 2.1 GHz x 2; XMX FP16 dense. Cards boost to ~2.4 GHz (19.7 TFLOPS). The 8 GB card has 512 GB/s.',
  },
  {
    id: 'intel-iris-xe-96eu',
    name: 'Intel Iris Xe Graphics (96 EU)',
    vendor: 'intel',
    architecture: 'gen-12lp',
    aliases: ['Iris Xe'],
    kind: 'integrated',
    shaderCores: 768,
    boostClockMhz: 1300,
    fp32Tflops: 2.0,
    fp16Tflops: 4.0,
    tensorFp16Tflops: null,
    memoryBandwidthGbPerS: 68.3,
    memoryGb: null,
    tdpWatts: null,
    source: {
      url: 'https://www.intel.com/content/www/us/en/products/sku/208662/intel-core-i71165g7-processor-12m-cache-up-to-4-70-ghz/specifications.html',
      title: 'Intel Core i7-1165G7 specifications (Iris Xe, 96 EU, 1.30 GHz)',
    },
    notes:
      'As in the i7-1165G7: 96 EUs x 8 FP32 lanes x 1.3 GHz x 2 = 2.0 TFLOPS, FP16 2x, computed. Bandwidth is the shared ' +
      'LPDDR4x-4266 x 128 bit (DDR4-3200 laptops: 51.2 GB/s). 80-EU parts and 1.1-1.35 GHz clocks report the same name, so ' +
      "this row can overstate an i5 by up to a fifth. Power is the whole processor's (12-28 W), so none is given.",
  },
] satisfies GpuSpecInput[];

/** Every row of the peak table, validated against GpuSpecSchema (throws at load if one is wrong). */
export const GPU_SPECS: readonly GpuSpec[] = Object.freeze(parseGpuSpecs(ROWS));
