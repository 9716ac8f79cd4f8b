// jest runs the program in its CommonJS mode, through @vimage/plugin/jest.
module.exports = {
  roots: ['<rootDir>/jest'],
  testEnvironment: 'node',
  cacheDirectory: '<rootDir>/dist/jest/cache',
  transform: { '\\.[cm]?[jt]sx?$': ['@vimage/plugin/jest', { vimage: process.env.VIMAGE === '1' }] },
};
