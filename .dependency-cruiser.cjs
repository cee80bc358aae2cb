/**
 * The layers of src/ (docs/architecture.md), checked by `npm run lint:deps` (dependency-cruiser):
 * no import cycles, nothing imports a layer above its own, the page side (runner, peers, serve)
 * and the host never import each other, and pure modules use no Node API.
 */
const LAYERS = [
  ['stats', 'flops', 'shaders'],
  ['protocol'],
  ['api'],
  ['results'],
  ['specs'],
  ['kernels'],
  ['suites'],
  ['tune'],
  ['measure'],
  ['report'],
  ['runner', 'peers'],
  ['serve'],
  ['host'],
  ['cli'],
];
const folder = (names) => `^src/(${names.join('|')})/`;

/** For each layer: it may not import any layer above it. */
const upward = LAYERS.slice(0, -1).map((names, i) => ({
  name: `no-upward-from-${names.join('-')}`,
  comment: `${names.join(', ')} may import only layers at or below their own (docs/architecture.md)`,
  severity: 'error',
  from: { path: folder(names) },
  to: { path: folder(LAYERS.slice(i + 1).flat()) },
}));

/** Everything below host, and the page side, runs in a browser page too: no Node API, no Node-only package. */
const PURE = [...LAYERS.slice(0, 10).flat(), 'runner', 'peers', 'serve'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'import cycles make the layers meaningless',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'page-side-not-host',
      comment: 'the page (runner, peers, serve) and the host share only the protocol: the runner knows no host',
      severity: 'error',
      from: { path: folder(['runner', 'peers', 'serve']) },
      to: { path: folder(['host', 'cli']) },
    },
    {
      name: 'host-not-page-side',
      comment: 'the host loads the page bundles, it does not import them',
      severity: 'error',
      from: { path: folder(['host']) },
      to: { path: folder(['runner', 'peers', 'serve']) },
    },
    {
      name: 'pure-no-node',
      comment: 'pure modules run in Node and in a page alike: no node: built-ins, no Node-only packages',
      severity: 'error',
      from: { path: folder(PURE) },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-no-node-packages',
      comment: 'pure modules run in a page: no browser driver, CLI parser, TypeScript loader or bundler',
      severity: 'error',
      from: { path: folder(PURE) },
      to: { path: 'node_modules/(puppeteer-core|yargs|tsx|esbuild|tinyglobby|@puppeteer)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    exclude: { path: '\\.wgsl$|^flopscope:' },
  },
};
