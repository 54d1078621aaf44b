#!/usr/bin/env node
// The `gluekit` command. The code lives in dist/ (built by `npm install` through `prepare`).
import('../dist/cli/entry.js')
  .then(({ run }) => run(process.argv))
  .catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
      process.stderr.write('gluekit is not built yet: run `npm run build` in the gluekit folder.\n');
      process.exit(1);
    }
    throw error;
  });
