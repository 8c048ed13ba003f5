// Edit distance and "did you mean": a swap of neighbours is one edit, and far-off words suggest nothing.
import assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../src/core/config';

describe('config suggestions', () => {
  it('counts edits, a neighbour swap as one', () => {
    assert.equal(editDistance('max_retires', 'max_retries'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('ca', 'abc'), 3);
  });

  it('suggests the closest candidate within a length-based threshold', () => {
    const keys = ['max_retries', 'max_concurrent', 'retry_delay_seconds'];
    assert.equal(closestMatch('max_retires', keys), 'max_retries');
    assert.equal(closestMatch('MAX_RETRIES', keys), 'max_retries');
    assert.equal(closestMatch('max_concurent', keys), 'max_concurrent');
    assert.equal(closestMatch('colour', keys), null);
    assert.equal(closestMatch('run_test', ['run_tests', 'run_lint']), 'run_tests');
    assert.equal(closestMatch('tst', ['test', 'lint']), 'test');
    assert.equal(closestMatch('ab', ['test']), null);
    assert.equal(closestMatch('x', []), null);
  });

  it('breaks ties by candidate order', () => {
    assert.equal(closestMatch('lint_fax', ['lint_fix', 'lint_fox']), 'lint_fix');
  });
});
