import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      express: 'src/adapters/express/index.ts',
      fastify: 'src/adapters/fastify/index.ts',
      'ai-sdk': 'src/adapters/ai-sdk/index.ts',
      openai: 'src/adapters/openai/index.ts',
      anthropic: 'src/adapters/anthropic/index.ts',
      fetch: 'src/adapters/fetch/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    // The command line: ESM only, an executable with a shebang.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
