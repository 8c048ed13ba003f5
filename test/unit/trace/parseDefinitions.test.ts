// Definition parsing for every format's requirement / design files, on the fixtures in
// test/fixtures/trace, with exact ids, spans and block ends.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinitions, type TraceDefinition } from '../../../src/core/trace';

const FIX = join(__dirname, '../../fixtures/trace');
const read = (p: string): string => readFileSync(join(FIX, p), 'utf8');

type Row = [id: string, title: string, kind: TraceDefinition['kind'], line: number, col: number, endCol: number, endLine: number, parentId?: string];

function rows(defs: readonly TraceDefinition[]): Row[] {
  return defs.map((d) => {
    assert.equal(d.span.line, d.line);
    const r: Row = [d.id, d.title, d.kind, d.line, d.span.col, d.span.endCol, d.endLine];
    if (d.parentId !== null) r.push(d.parentId);
    return r;
  });
}

describe('parseDefinitions', () => {
  describe('spec-runner', () => {
    const file = 'spec/requirements.md';
    const REQS: Row[] = [
      ['REQ-001', 'Users can sign up', 'requirement', 8, 4, 11, 11],
      ['REQ-002', 'Sessions expire', 'requirement', 13, 4, 11, 18],
      ['REQ-003', 'Accounts can be deleted', 'requirement', 20, 3, 10, 24],
      ['NFR-001', 'Sign-up answers within 200 ms', 'nfr', 30, 7, 14, 31],
      ['NFR-002', 'Passwords are hashed with argon2', 'nfr', 33, 4, 11, 33],
    ];

    it('reads REQ/NFR headings at any depth, skipping frontmatter and fenced code', () => {
      const defs = parseDefinitions(read('spec-runner/spec/requirements.md'), file, 'spec-runner-requirements');
      assert.deepEqual(rows(defs), REQS);
      assert.ok(defs.every((d) => d.file === file));
    });

    it('gives the same result with a BOM and CRLF line endings (spans exclude the BOM and \\r)', () => {
      const crlf = '\ufeff' + read('spec-runner/spec/requirements.md').replace(/\n/g, '\r\n');
      assert.deepEqual(rows(parseDefinitions(crlf, file, 'spec-runner-requirements')), REQS);
    });

    it('reads DESIGN headings, with and without a title', () => {
      const defs = parseDefinitions(read('spec-runner/spec/design.md'), 'spec/design.md', 'spec-runner-design');
      assert.deepEqual(rows(defs), [
        ['DESIGN-001', 'Users table', 'design', 4, 4, 14, 5],
        ['DESIGN-002', '', 'design', 7, 4, 14, 8],
      ]);
    });

    it('tolerates bold around the id or the whole heading, separators and closing hashes', () => {
      const text = [
        '## **REQ-010: Bold all over**', // 0
        '### __REQ-011__ — Underscore bold', // 1
        '# REQ-012 - Dash ###', // 2
        '## REQ-013:Tight', // 3
        '## **REQ-014:** Colon inside bold', // 4
        '## REQ-015', // 5
        '## REQ-016x not an id', // 6
        '## See REQ-017', // 7
        '####### REQ-018 seven hashes is not a heading', // 8
        '~~~', // 9
        '## REQ-019 in a tilde fence', // 10
        '~~~', // 11
        '    ## REQ-020 indented code', // 12
      ].join('\n');
      assert.deepEqual(rows(parseDefinitions(text, 'r.md', 'spec-runner-requirements')), [
        ['REQ-010', 'Bold all over', 'requirement', 0, 5, 12, 1],
        ['REQ-011', 'Underscore bold', 'requirement', 1, 6, 13, 1],
        ['REQ-012', 'Dash', 'requirement', 2, 2, 9, 12],
        ['REQ-013', 'Tight', 'requirement', 3, 3, 10, 3],
        ['REQ-014', 'Colon inside bold', 'requirement', 4, 5, 12, 4],
        ['REQ-015', '', 'requirement', 5, 3, 10, 5],
      ]);
    });

    it('keeps surrogate pairs in UTF-16 columns', () => {
      const defs = parseDefinitions('## 🔴 x\n## REQ-001: 🔴 Emoji title\n', 'r.md', 'spec-runner-requirements');
      assert.deepEqual(rows(defs), [['REQ-001', '🔴 Emoji title', 'requirement', 1, 3, 10, 1]]);
    });

    it('reads a file whose frontmatter never closes as if it had none', () => {
      const defs = parseDefinitions('---\ntitle: x\n## REQ-001: A\n', 'r.md', 'spec-runner-requirements');
      assert.deepEqual(rows(defs), [['REQ-001', 'A', 'requirement', 2, 3, 10, 2]]);
    });

    it('does not read an unclosed fence body as headings', () => {
      const defs = parseDefinitions('## REQ-001: A\n```\n## REQ-002: B\n', 'r.md', 'spec-runner-requirements');
      assert.deepEqual(rows(defs), [['REQ-001', 'A', 'requirement', 0, 3, 10, 2]]);
    });
  });

  describe('Kiro', () => {
    const file = '.kiro/specs/sessions/requirements.md';
    const KIRO: Row[] = [
      ['1', 'Create sessions', 'requirement', 8, 16, 17, 17],
      ['1.1', 'WHEN a user signs in with valid credentials THEN the system SHALL create a session', 'criterion', 14, 0, 1, 14, '1'],
      ['1.2', 'WHEN a session is created THEN the system SHALL set an expiry 30 days ahead', 'criterion', 15, 0, 1, 16, '1'],
      ['1.3', 'IF the credentials are invalid THEN the system SHALL refuse the sign-in', 'criterion', 17, 0, 1, 17, '1'],
      ['2', '', 'requirement', 19, 16, 17, 26],
      ['2.1', 'WHEN an admin revokes a session THEN the system SHALL delete it', 'criterion', 25, 0, 1, 25, '2'],
      ['2.2', 'WHEN a revoked session is used THEN the system SHALL answer 401', 'criterion', 26, 0, 1, 26, '2'],
    ];

    it('reads requirements and their numbered acceptance criteria as N and N.M', () => {
      assert.deepEqual(rows(parseDefinitions(read('kiro/.kiro/specs/sessions/requirements.md'), file, 'kiro-requirements')), KIRO);
    });

    it('reads CRLF + BOM the same', () => {
      const crlf = '\ufeff' + read('kiro/.kiro/specs/sessions/requirements.md').replace(/\n/g, '\r\n');
      assert.deepEqual(rows(parseDefinitions(crlf, file, 'kiro-requirements')), KIRO);
    });

    it('only takes numbered items under an Acceptance Criteria heading, and keeps nested lists inside an item', () => {
      const text = [
        '### Requirement 3: Audit', // 0
        '1. not a criterion: no criteria heading yet', // 1
        '#### Acceptance Criteria', // 2
        '  1) WHEN x THEN the system SHALL y', // 3
        '     1. nested detail', // 4
        '  2) WHEN z THEN the system SHALL w', // 5
        '', // 6
        'Closing paragraph.', // 7
        '#### Notes', // 8
        '3. not a criterion either', // 9
      ].join('\n');
      assert.deepEqual(rows(parseDefinitions(text, 'r.md', 'kiro-requirements')), [
        ['3', 'Audit', 'requirement', 0, 16, 17, 9],
        ['3.1', 'WHEN x THEN the system SHALL y', 'criterion', 3, 2, 3, 4, '3'],
        ['3.2', 'WHEN z THEN the system SHALL w', 'criterion', 5, 2, 3, 5, '3'],
      ]);
    });

    it('finds no ids in a Kiro design.md', () => {
      assert.deepEqual(parseDefinitions(read('kiro/.kiro/specs/sessions/design.md'), 'design.md', 'kiro-design'), []);
    });
  });

  describe('OpenSpec', () => {
    it('reads `### Requirement: <name>` with its scenarios inside its block', () => {
      const file = 'openspec/changes/add-sessions/specs/auth/spec.md';
      const defs = parseDefinitions(read(`openspec/${file}`), file, 'openspec-spec');
      assert.deepEqual(rows(defs), [
        ['Session expiry', 'Session expiry', 'requirement', 4, 17, 31, 13],
        ['Logout', 'Logout', 'requirement', 15, 17, 23, 16],
      ]);
    });

    it('ignores a requirement heading with no name', () => {
      assert.deepEqual(parseDefinitions('### Requirement:\n### Requirement:   \n', 's.md', 'openspec-spec'), []);
    });
  });

  describe('Spec Kit', () => {
    it('reads user stories as USn and **FR-nnn** lines as functional requirements, in file order', () => {
      const file = 'specs/001-signup/spec.md';
      const defs = parseDefinitions(read(`spec-kit/${file}`), file, 'spec-kit-spec');
      assert.deepEqual(rows(defs), [
        ['US1', 'Sign up with email', 'story', 4, 4, 16, 10],
        ['US2', 'Reset password', 'story', 14, 4, 16, 16],
        ['FR-001', 'System MUST let visitors create accounts with an email and password.', 'functional', 22, 4, 10, 22],
        ['FR-002', 'System MUST validate email addresses', 'functional', 23, 4, 10, 24],
        ['FR-003', 'System MUST hash passwords [NEEDS CLARIFICATION: which algorithm?]', 'functional', 25, 4, 10, 25],
      ]);
    });

    it('drops the priority from a story title wherever it sits', () => {
      const defs = parseDefinitions('## User Story 12 – Export data (Priority: P3) 🎯 MVP\n', 's.md', 'spec-kit-spec');
      assert.deepEqual(rows(defs), [['US12', 'Export data 🎯 MVP', 'story', 0, 3, 16, 0]]);
    });

    it('accepts the colon inside the bold and a line without a bullet', () => {
      const defs = parseDefinitions('**FR-004:** System MUST log\n* **NFR-001**: fast\n', 's.md', 'spec-kit-spec');
      assert.deepEqual(rows(defs), [
        ['FR-004', 'System MUST log', 'functional', 0, 2, 8, 0],
        ['NFR-001', 'fast', 'nfr', 1, 4, 11, 1],
      ]);
    });
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '\ufeff', '\r\n\r\n', '#', '# ', '```', '---', '---\n---', '### Requirement', '### Requirement 1\n#### Acceptance Criteria\n1.', '- **FR-1**', '\u0000\ud800', '#'.repeat(10000)];
    for (const text of inputs) {
      for (const kind of ['spec-runner-requirements', 'spec-runner-design', 'kiro-requirements', 'kiro-design', 'openspec-spec', 'spec-kit-spec'] as const) {
        assert.ok(Array.isArray(parseDefinitions(text, 'x.md', kind)));
      }
    }
    // An empty numbered item is not a criterion.
    assert.deepEqual(rows(parseDefinitions('### Requirement 1\n#### Acceptance Criteria\n1. ', 'x.md', 'kiro-requirements')), [
      ['1', '', 'requirement', 0, 16, 17, 2],
    ]);
  });
});
