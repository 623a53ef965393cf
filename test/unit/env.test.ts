import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envCredentials, parseDotenv } from '../../src/openclaw/env';
import type { Location, ParsedConfig } from '../../src/openclaw/model';

function setup(dotenv?: string, vars: Record<string, string> = {}): { loc: Location; config: ParsedConfig } {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-env-'));
  if (dotenv !== undefined) fs.writeFileSync(path.join(stateDir, '.env'), dotenv);
  const loc: Location = {
    home: path.dirname(stateDir),
    stateDir,
    configPath: path.join(stateDir, 'openclaw.json'),
    stateDirExists: true,
    configExists: false,
  };
  const config: ParsedConfig = { exists: false, auth: { profiles: {}, order: {} }, agents: [], envVars: vars, raw: {} };
  return { loc, config };
}

describe('parseDotenv', () => {
  it('reads KEY=VALUE with export, quotes and comments', () => {
    const parsed = parseDotenv(
      [
        '# comment',
        'export A=plain # trailing',
        'B="double # not comment"',
        "C='single'",
        'D = spaced ',
        'E="multi',
        'line"',
        'F=',
        'not a line',
        'G="esc\\nline"',
      ].join('\n'),
    );
    assert.deepEqual(parsed, {
      A: 'plain',
      B: 'double # not comment',
      C: 'single',
      D: 'spaced',
      E: 'multi\nline',
      F: '',
      G: 'esc\nline',
    });
  });
});

describe('envCredentials', () => {
  const key1 = 'sk-ant-api03-FAKEPROCESS-0123456789abcdef';
  const key2 = 'sk-ant-api03-FAKEDOTENV-aaaaaaaabbbbbbbb';
  const key3 = 'sk-or-v1-FAKECONFIG-ccccccccdddddddd';

  it('process env > $STATE/.env > config env.vars, masked', () => {
    const { loc, config } = setup(`ANTHROPIC_API_KEY=${key2}\nOPENROUTER_API_KEY="${key2}"\nUNRELATED=x\n`, {
      OPENROUTER_API_KEY: key3,
      OPENAI_API_KEY: key3,
    });
    const creds = envCredentials(loc, config, { ANTHROPIC_API_KEY: key1, GEMINI_API_KEY: '   ' });
    assert.deepEqual(creds, [
      { provider: 'anthropic', variable: 'ANTHROPIC_API_KEY', source: 'process', masked: 'sk-ant-a...89abcdef' },
      {
        provider: 'openai',
        variable: 'OPENAI_API_KEY',
        source: 'config',
        sourcePath: loc.configPath,
        masked: 'sk-or-v1...dddddddd',
      },
      {
        provider: 'openrouter',
        variable: 'OPENROUTER_API_KEY',
        source: 'dotenv',
        sourcePath: path.join(loc.stateDir, '.env'),
        masked: 'sk-ant-a...bbbbbbbb',
      },
    ]);
    assert.equal(JSON.stringify(creds).includes('FAKE'), false);
  });

  it('finds nothing without env, dotenv or config vars', () => {
    const { loc, config } = setup();
    assert.deepEqual(envCredentials(loc, config, { PATH: '/usr/bin' }), []);
  });
});
