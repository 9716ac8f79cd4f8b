const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

// Loads the program as a test's import; what it prints goes to dist/jest/out.txt.
test('the program runs', () => {
  const lines = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line) => lines.push(line));
  try {
    require('../src/main.ts');
  } finally {
    log.mockRestore();
  }
  mkdirSync(path.join(__dirname, '../dist/jest'), { recursive: true });
  writeFileSync(path.join(__dirname, '../dist/jest/out.txt'), lines.map((l) => `${l}\n`).join(''));
});
