// Desktop test configuration for contributors with internet (`npm run test:desktop`).
// The same mocha suite as CI's code-server run: out/test/integration/index.js.
export default {
  versions: ['1.100.0', 'stable'],
  extensionDevelopmentPath: '.',
  extensionTestsPath: './out/test/integration/index.js',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
};
