// Secrets never reach a message or a log: redactConfig masks them, and every diagnostic of every
// fixture is free of the fixture's secret values.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_CONFIG,
  findSecretsInText,
  loadConfig,
  parseConfigText,
  redactConfig,
  redactUrl,
  scrubDiagnostics,
} from '../../../src/core/config';
import type { ConfigDiagnostic } from '../../../src/core/config';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'config');
const FILE = '/repo/spec-runner.config.yaml';

const SECRETS = [
  '123456:ABC-fake-telegram-token',
  'whsecret456',
  'hdrsecret789',
  'cbsecret123',
  '987654:syntax-fake-token',
  '4242424242',
];

describe('redaction', () => {
  it('masks tokens, webhook and callback URLs, and header values', () => {
    const full = loadConfig(path.join(FIXTURES, 'full')).config;
    const safe = redactConfig(full);
    assert.equal(safe.telegram_bot_token, '***');
    assert.equal(safe.webhook_url, 'https://hooks.example.com/***');
    assert.equal(safe.callback_url, 'https://orchestrator.example.com/***');
    assert.deepEqual(safe.webhook_headers, { Authorization: '***', 'X-Team': '***' });
    assert.equal(safe.telegram_chat_id, '-100200300');
    assert.deepEqual(safe, {
      ...full,
      telegram_bot_token: '***',
      webhook_url: 'https://hooks.example.com/***',
      callback_url: 'https://orchestrator.example.com/***',
      webhook_headers: { Authorization: '***', 'X-Team': '***' },
    });
    const logged = JSON.stringify(safe);
    for (const s of SECRETS) assert.ok(!logged.includes(s), s);
    // The original is untouched.
    assert.equal(full.telegram_bot_token, '123456:ABC-fake-telegram-token');
  });

  it('leaves empty secrets empty so a disabled channel still reads as disabled', () => {
    assert.deepEqual(redactConfig(DEFAULT_CONFIG), DEFAULT_CONFIG);
  });

  it('masks a URL it cannot parse entirely', () => {
    assert.equal(redactUrl('not a url/with-secret'), '***');
    assert.equal(redactUrl('https://user:pw@host.example:8443/p?q=1'), 'https://host.example:8443/***');
    assert.equal(redactUrl(''), '');
  });

  it('keeps every secret out of every fixture diagnostic', () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      for (const d of loadConfig(path.join(FIXTURES, name)).diagnostics) {
        for (const s of SECRETS) assert.ok(!d.message.includes(s), `${name}: ${d.message}`);
      }
    }
  });

  it('describes a wrongly typed secret by its type only', () => {
    const r = parseConfigText('telegram_bot_token: [tok-abcdef]\nwebhook_headers:\n  Authorization: [Bearer-xyz123]\n', FILE);
    assert.deepEqual(
      r.diagnostics.map((d) => d.message),
      [
        'telegram_bot_token: expected a string, got a list; using the default ""',
        'webhook_headers: expected a mapping of names to strings, got a list for "Authorization"; using the default {}',
      ],
    );
  });

  it('finds secret-looking values by line, even in text that does not parse', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'syntax-error', 'spec-runner.config.yaml'), 'utf8');
    assert.deepEqual(findSecretsInText(text), ['987654:syntax-fake-token']);
    assert.deepEqual(
      findSecretsInText(
        'telegram_bot_token: "abc:def"  # note\nwebhook_headers:\n  Authorization: Bearer xyz1\n  X-Api-Key: \'k-123\'\nclaude_model: sonnet\n',
      ),
      ['abc:def', 'Bearer xyz1', 'k-123'],
    );
  });

  it('scrubs a secret that a parser message quotes', () => {
    const d: ConfigDiagnostic = {
      severity: 'error',
      code: 'yaml-syntax',
      message: 'YAML syntax error: unexpected "tok-abcdef" here',
      file: FILE,
      line: 1,
      col: 1,
      endLine: 1,
      endCol: 2,
    };
    assert.deepEqual(scrubDiagnostics([d], ['tok-abcdef', 'ab']), [
      { ...d, message: 'YAML syntax error: unexpected "***" here' },
    ]);
    assert.deepEqual(scrubDiagnostics([d], []), [d]);
  });
});
