// The hover text of a definition: its block as written, trimmed, capped with an ellipsis.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionText, parseDefinitions } from '../../../src/core/trace';

const FIX = join(__dirname, '../../fixtures/trace');

describe('definitionText', () => {
  it('returns the block of a spec-runner requirement, fence included', () => {
    const text = readFileSync(join(FIX, 'spec-runner/spec/requirements.md'), 'utf8');
    const defs = parseDefinitions(text, 'spec/requirements.md', 'spec-runner-requirements');
    assert.equal(definitionText(defs[0]!, text), '### REQ-001: Users can sign up\nUsers sign up with an email and a password.\n\n- The email must be unique.');
    assert.equal(definitionText(defs[1]!, text), '### REQ-002 — Sessions expire\nSessions expire after 30 days.\n\n```text\n### REQ-099: inside a fence, not a requirement\n```');
    assert.equal(definitionText(defs[2]!, text), '## REQ-003: Accounts can be deleted\nDeleting an account removes its sessions.\n\n#### Notes\nA deeper heading stays inside REQ-003.');
  });

  it('returns a Kiro criterion with its continuation line, from CRLF text with a BOM', () => {
    const text = '\ufeff' + readFileSync(join(FIX, 'kiro/.kiro/specs/sessions/requirements.md'), 'utf8').replace(/\n/g, '\r\n');
    const defs = parseDefinitions(text, 'requirements.md', 'kiro-requirements');
    const c12 = defs.find((d) => d.id === '1.2')!;
    assert.equal(definitionText(c12, text), '2. WHEN a session is created THEN the system SHALL set an expiry 30 days ahead\n   AND SHALL store its token hashed');
  });

  it('caps a long block at 60 lines and ends it with an ellipsis', () => {
    const body = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    const text = ['## REQ-001: Long', ...body].join('\n');
    const [def] = parseDefinitions(text, 'r.md', 'spec-runner-requirements');
    assert.equal(def!.endLine, 100);
    const out = definitionText(def!, text);
    const lines = out.split('\n');
    assert.equal(lines.length, 61);
    assert.equal(lines[0], '## REQ-001: Long');
    assert.equal(lines[59], 'line 59');
    assert.equal(lines[60], '…');
    // Exactly 60 lines: no ellipsis.
    const exact = ['## REQ-002: Fits', ...body.slice(0, 59)].join('\n');
    assert.equal(definitionText(parseDefinitions(exact, 'r.md', 'spec-runner-requirements')[0]!, exact).endsWith('line 59'), true);
  });

  it('accepts pre-split lines and returns "" for a definition outside the text', () => {
    assert.equal(definitionText({ line: 1, endLine: 2 }, ['x', '  ## REQ-001  ', 'body  ']), '## REQ-001  \nbody');
    assert.equal(definitionText({ line: 5, endLine: 6 }, 'only one line'), '');
  });
});
