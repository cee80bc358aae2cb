#!/usr/bin/env bash
# Builds a self-contained flopscope kit for a Linux x86-64 GPU machine that has a driver but no
# browser, no Node.js and no network (a GPU server, a cloud VM): this host's node binary, the
# CLI bundled into one file, dawn.node from the webgpu package, the runner bundles, and the
# Vulkan/GL loader packages from Debian (NVIDIA's Vulkan ICD needs libGLX/libglvnd beside it).
#
#   bash scripts/portable-kit.sh OUT_DIR        # then copy OUT_DIR (about 30 MB) to the machine
#   OUT_DIR/flopscope peaks                     # on the machine: runs with --dawn
#
# Needs: npm ci done here (esbuild, webgpu), xz, and apt-get (Debian/Ubuntu) for the loaders.
set -euo pipefail
out="${1:?usage: bash scripts/portable-kit.sh OUT_DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
node scripts/build.mjs
mkdir -p "$out/dist/runner" "$out/webgpu/dist/linux-x64" "$out/node_modules/puppeteer" "$out/debs"
cp package.json "$out/"
cp dist/runner/* "$out/dist/runner/"
# One file with every dependency inside; puppeteer is left out (the kit runs on Dawn), with a stub.
npx esbuild src/cli/main.ts --bundle --platform=node --format=esm --target=es2022 --loader:.wgsl=text \
  --external:puppeteer --outfile="$out/dist/cli.js" --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
echo '{"name":"puppeteer","version":"0.0.0-stub","type":"module","main":"index.js"}' > "$out/node_modules/puppeteer/package.json"
echo 'const no = () => { throw new Error("this kit has no browser: it runs with --dawn"); }; export default { launch: no, connect: no };' > "$out/node_modules/puppeteer/index.js"
cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$out/webgpu/"
xz -T0 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node > "$out/webgpu/dist/linux-x64/dawn.node.xz"
xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
(cd "$out/debs" && apt-get download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 2>/dev/null)
cat > "$out/flopscope" <<'RUN'
#!/usr/bin/env bash
# Unpacks on first use (node, dawn.node; the loader libraries into / when libvulkan is missing),
# then runs flopscope on Dawn: `flopscope peaks`, `flopscope run --suite matmul`, ...
set -euo pipefail
kit="$(cd "$(dirname "$0")" && pwd)"
[ -x "$kit/node" ] || { xz -d -k -c "$kit/node.xz" > "$kit/node"; chmod +x "$kit/node"; }
[ -f "$kit/webgpu/dist/linux-x64/dawn.node" ] || xz -d -k "$kit/webgpu/dist/linux-x64/dawn.node.xz"
if ! ldconfig -p | grep -q libvulkan.so.1; then
  [ "$(id -u)" = 0 ] || { echo "flopscope kit: libvulkan.so.1 is missing; install libvulkan1 (or run this once as root)" >&2; exit 2; }
  for f in "$kit"/debs/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
# NVIDIA containers keep the driver's ICD files here.
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES="${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}"
command="${1:-peaks}"; shift || true
exec "$kit/node" "$kit/dist/cli.js" "$command" --dawn "$kit/webgpu" --dawn-flag disable-dawn-features=timestamp_quantization "$@"
RUN
chmod +x "$out/flopscope"
du -sh "$out"
