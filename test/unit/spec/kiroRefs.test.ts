// Kiro `_Requirements: ..._` values: every ref keeps its text and exact columns, and names the
// acceptance-criterion ids it covers (ranges expanded within one requirement, prose names none).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { expandRange, kiroRefIds, parseKiroRefs } from '../../../src/core/spec/kiroRefs';

describe('kiroRefs', () => {
  describe('parseKiroRefs', () => {
    it('splits comma-separated N.M refs with exact spans offset by the value column', () => {
      deepStrictEqual(parseKiroRefs('1.1, 1.2', 6, 19), [
        { text: '1.1', span: { line: 6, col: 19, endCol: 22 }, ids: ['1.1'] },
        { text: '1.2', span: { line: 6, col: 24, endCol: 27 }, ids: ['1.2'] },
      ]);
    });

    it('expands a same-prefix range and keeps the text as written', () => {
      deepStrictEqual(parseKiroRefs('1.1-1.5', 0, 0), [
        { text: '1.1-1.5', span: { line: 0, col: 0, endCol: 7 }, ids: ['1.1', '1.2', '1.3', '1.4', '1.5'] },
      ]);
    });

    it('keeps only the endpoints of a cross-prefix range', () => {
      deepStrictEqual(parseKiroRefs('1.4-2.2', 3, 10), [
        { text: '1.4-2.2', span: { line: 3, col: 10, endCol: 17 }, ids: ['1.4', '2.2'] },
      ]);
    });

    it('reads whole requirements, bare or with the word', () => {
      deepStrictEqual(parseKiroRefs('3, Requirement 4,Requirements 5', 2, 4), [
        { text: '3', span: { line: 2, col: 4, endCol: 5 }, ids: ['3'] },
        { text: 'Requirement 4', span: { line: 2, col: 7, endCol: 20 }, ids: ['4'] },
        { text: 'Requirements 5', span: { line: 2, col: 21, endCol: 35 }, ids: ['5'] },
      ]);
    });

    it('gives free text a ref with no ids', () => {
      deepStrictEqual(parseKiroRefs('All requirements', 9, 21), [
        { text: 'All requirements', span: { line: 9, col: 21, endCol: 37 }, ids: [] },
      ]);
      deepStrictEqual(parseKiroRefs('see design, 2.1', 1, 0), [
        { text: 'see design', span: { line: 1, col: 0, endCol: 10 }, ids: [] },
        { text: '2.1', span: { line: 1, col: 12, endCol: 15 }, ids: ['2.1'] },
      ]);
    });

    it('trims blanks around each ref, skips empty ones and also splits on semicolons', () => {
      deepStrictEqual(parseKiroRefs('  1.1 ,, 1.2;2.1 ,  ', 0, 100), [
        { text: '1.1', span: { line: 0, col: 102, endCol: 105 }, ids: ['1.1'] },
        { text: '1.2', span: { line: 0, col: 109, endCol: 112 }, ids: ['1.2'] },
        { text: '2.1', span: { line: 0, col: 113, endCol: 116 }, ids: ['2.1'] },
      ]);
      deepStrictEqual(parseKiroRefs('', 0, 0), []);
      deepStrictEqual(parseKiroRefs(' , ', 0, 0), []);
    });

    it('counts columns in UTF-16 code units', () => {
      deepStrictEqual(parseKiroRefs('🔐 login, 1.2', 4, 19), [
        { text: '🔐 login', span: { line: 4, col: 19, endCol: 27 }, ids: [] },
        { text: '1.2', span: { line: 4, col: 29, endCol: 32 }, ids: ['1.2'] },
      ]);
    });
  });

  describe('kiroRefIds', () => {
    const cases: readonly (readonly [string, readonly string[]])[] = [
      ['1.1', ['1.1']],
      ['1.2.', ['1.2']],
      ['2.1.3', ['2.1.3']],
      ['3', ['3']],
      ['1-3', ['1', '2', '3']],
      ['2.1-2.3', ['2.1', '2.2', '2.3']],
      ['2.1 - 2.3', ['2.1', '2.2', '2.3']],
      ['2.1\u20132.3', ['2.1', '2.2', '2.3']],
      ['2.1-2.3.', ['2.1', '2.2', '2.3']],
      ['1.9-1.11', ['1.9', '1.10', '1.11']],
      ['1.2.1-1.2.3', ['1.2.1', '1.2.2', '1.2.3']],
      ['1.2-1.2', ['1.2']],
      ['1.4-2.2', ['1.4', '2.2']],
      ['1-2.3', ['1', '2.3']],
      ['1.5-1.1', ['1.5', '1.1']],
      ['1.01-1.03', ['1.01', '1.03']],
      ['1.1-1.5000', ['1.1', '1.5000']],
      ['Requirement 3', ['3']],
      ['requirement 3.2', ['3.2']],
      ['Requirements 1.1-1.3', ['1.1', '1.2', '1.3']],
      ['Req. 2', ['2']],
      ['R1.2', ['1.2']],
      ['All requirements', []],
      ['see design', []],
      ['1.1 (validation)', []],
      ['1.a', []],
      ['Requirement', []],
      ['-', []],
      ['', []],
    ];
    for (const [ref, ids] of cases) {
      it(`${JSON.stringify(ref)} -> ${JSON.stringify(ids)}`, () => {
        deepStrictEqual(kiroRefIds(ref), ids);
      });
    }
  });

  describe('expandRange', () => {
    it('expands up to 1000 ids and keeps the endpoint strings', () => {
      const ids = expandRange('1.1', '1.1000');
      strictEqual(ids.length, 1000);
      strictEqual(ids[0], '1.1');
      strictEqual(ids[998], '1.999');
      strictEqual(ids[999], '1.1000');
      deepStrictEqual(expandRange('1.0', '1.1001'), ['1.0', '1.1001']);
    });
  });

  it('never throws on arbitrary input', () => {
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = '0123456789.-,; \u2013Rr_eq*x\uD83D\uDD10';
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = next() % 24;
      for (let k = 0; k < len; k++) s += alphabet[next() % alphabet.length];
      const refs = parseKiroRefs(s, 0, 0);
      for (const r of refs) {
        strictEqual(s.slice(r.span.col, r.span.endCol), r.text);
        strictEqual(r.text, r.text.trim());
      }
    }
  });
});
