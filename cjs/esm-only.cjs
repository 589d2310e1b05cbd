// initlab is published as ES modules only. This file is what `require('initlab')` (and its
// subpaths) resolve to, through the "require" conditions in package.json, so that CommonJS code
// gets this message instead of ERR_PACKAGE_PATH_NOT_EXPORTED or a half-loaded module.
'use strict';
throw new Error(
  "initlab is ESM-only: use `import … from 'initlab'` in an ES module, or `await import('initlab')` from CommonJS.",
);
