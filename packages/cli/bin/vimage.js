#!/usr/bin/env node
// The installed command. A committed, executable launcher rather than dist/bin.js itself: npm
// links a workspace's bin at `npm ci`, before `tsc -b` has written dist/, and skips a target
// that does not exist yet.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write(
      'vimage: the CLI is not built yet: run `npx tsc -b` at the repository root, then try again\n',
    );
    process.exitCode = 1;
  } else {
    throw error;
  }
}
