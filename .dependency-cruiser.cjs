// The layers of src/ and which way they may depend on each other (tests/repo/layering.test.ts checks them; by hand:
// npx depcruise src). Data flows one way: tenant config (+ evidence) -> one Playbook model -> renderers.
// Pages (.astro) are checked too: the test hands their frontmatter to the cruise, which cannot read .astro itself.
// The Log Analytics queries (src/kql) are laid out from the model like the pages and documents.
const RENDERERS = '^src/(site|pdf|artifacts|pages|kql)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A module never depends on itself through others: each layer can be read and tested on its own.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'generators-not-renderers',
      comment: 'Generators make the model; they never reach into the renderers that lay it out.',
      severity: 'error',
      from: { path: '^src/generators/' },
      to: { path: RENDERERS },
    },
    {
      name: 'generators-pure',
      comment: 'Generators are pure: no build, no command line, no reading of exports.',
      severity: 'error',
      from: { path: '^src/generators/' },
      to: { path: '^src/(build|cli|evidence)/' },
    },
    {
      name: 'renderers-read-the-model-only',
      comment: 'Renderers only lay out the model: never the config, the generators, the evidence readers, the build or the command line.',
      severity: 'error',
      from: { path: RENDERERS },
      to: { path: '^src/(config|generators|evidence|build|cli)/' },
    },
    {
      name: 'model-imports-nothing-above-it',
      comment: 'The model and its vocabulary sit at the bottom: only src/shared and the model itself.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/(model|shared)/' },
    },
    {
      name: 'evidence-not-renderers',
      comment: 'The evidence readers fill the model; they never reach into the renderers.',
      severity: 'error',
      from: { path: '^src/evidence/' },
      to: { path: RENDERERS },
    },
  ],
  options: {
    // Type-only imports count: a renderer that imports a config type depends on the config's shape.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    moduleSystems: ['es6'],
  },
};
