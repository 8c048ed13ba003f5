// Which definition files belong to a tasks file, by each format's conventions, and loading them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { definitionSourceFor, loadDefinitions, specFilesFor } from '../../../src/core/trace';

const FIX = join(__dirname, '../../fixtures/trace');

describe('specFilesFor', () => {
  it('spec-runner: requirements and design beside the tasks file, with the spec prefix', () => {
    assert.deepEqual(specFilesFor('/ws/spec/tasks.md', 'spec-runner'), [
      { path: '/ws/spec/requirements.md', source: 'spec-runner-requirements' },
      { path: '/ws/spec/design.md', source: 'spec-runner-design' },
    ]);
    assert.deepEqual(specFilesFor('spec/tasks.md', 'spec-runner', 'phase5-'), [
      { path: 'spec/phase5-requirements.md', source: 'spec-runner-requirements' },
      { path: 'spec/phase5-design.md', source: 'spec-runner-design' },
    ]);
    // No prefix given: taken from the tasks file's name.
    assert.deepEqual(specFilesFor('spec/phase5-tasks.md', 'spec-runner').map((f) => f.path), [
      'spec/phase5-requirements.md', 'spec/phase5-design.md',
    ]);
    assert.deepEqual(specFilesFor('C:\\ws\\spec\\tasks.md', 'spec-runner').map((f) => f.path), [
      'C:\\ws\\spec\\requirements.md', 'C:\\ws\\spec\\design.md',
    ]);
  });

  it('kiro and spec-kit: the files beside the tasks file', () => {
    assert.deepEqual(specFilesFor('.kiro/specs/sessions/tasks.md', 'kiro'), [
      { path: '.kiro/specs/sessions/requirements.md', source: 'kiro-requirements' },
      { path: '.kiro/specs/sessions/design.md', source: 'kiro-design' },
    ]);
    assert.deepEqual(specFilesFor('specs/001-signup/tasks.md', 'spec-kit'), [
      { path: 'specs/001-signup/spec.md', source: 'spec-kit-spec' },
    ]);
  });

  it('openspec: every spec.md under the change folder, walking the real directory', () => {
    const change = join(FIX, 'openspec/openspec/changes/add-sessions');
    assert.deepEqual(specFilesFor(join(change, 'tasks.md'), 'openspec'), [
      { path: join(change, 'specs/auth/spec.md'), source: 'openspec-spec' },
      { path: join(change, 'specs/storage/spec.md'), source: 'openspec-spec' },
    ]);
    assert.deepEqual(specFilesFor(join(FIX, 'openspec/openspec/changes/missing/tasks.md'), 'openspec'), []);
  });

  it('openspec: uses an injected listFiles, keeps only spec.md files, sorted, and survives a throwing one', () => {
    const seen: string[] = [];
    const files = specFilesFor('openspec/changes/x/tasks.md', 'openspec', '', (dir) => {
      seen.push(dir);
      return ['openspec/changes/x/specs/b/spec.md', 'openspec/changes/x/specs/a/notes.md', 'openspec/changes/x/specs/a/spec.md'];
    });
    assert.deepEqual(seen, ['openspec/changes/x/specs']);
    assert.deepEqual(files.map((f) => f.path), ['openspec/changes/x/specs/a/spec.md', 'openspec/changes/x/specs/b/spec.md']);
    assert.deepEqual(specFilesFor('openspec/changes/x/tasks.md', 'openspec', '', () => {
      throw new Error('EACCES');
    }), []);
  });
});

describe('definitionSourceFor', () => {
  it('recognises each conventional location', () => {
    assert.equal(definitionSourceFor('spec/requirements.md'), 'spec-runner-requirements');
    assert.equal(definitionSourceFor('/ws/spec/phase5-design.md'), 'spec-runner-design');
    assert.equal(definitionSourceFor('.kiro/specs/a/requirements.md'), 'kiro-requirements');
    assert.equal(definitionSourceFor('C:\\ws\\.kiro\\specs\\a\\design.md'), 'kiro-design');
    assert.equal(definitionSourceFor('openspec/changes/x/specs/auth/spec.md'), 'openspec-spec');
    assert.equal(definitionSourceFor('openspec/specs/auth/spec.md'), 'openspec-spec');
    assert.equal(definitionSourceFor('specs/001-signup/spec.md'), 'spec-kit-spec');
    assert.equal(definitionSourceFor('docs/readme.md'), null);
  });
});

describe('loadDefinitions', () => {
  it('parses the files that exist and records the ones that do not', () => {
    const dir = join(FIX, 'spec-runner/spec');
    const loaded = loadDefinitions([
      { path: join(dir, 'requirements.md'), source: 'spec-runner-requirements' },
      { path: join(dir, 'nope-design.md'), source: 'spec-runner-design' },
    ]);
    assert.deepEqual(loaded.definitions.map((d) => d.id), ['REQ-001', 'REQ-002', 'REQ-003', 'NFR-001', 'NFR-002']);
    assert.deepEqual(loaded.sources, [
      { path: join(dir, 'requirements.md'), source: 'spec-runner-requirements', found: true },
      { path: join(dir, 'nope-design.md'), source: 'spec-runner-design', found: false },
    ]);
    assert.deepEqual([...loaded.texts.keys()], [join(dir, 'requirements.md')]);
  });

  it('treats a reader that throws as a missing file', () => {
    const loaded = loadDefinitions([{ path: 'a.md', source: 'spec-kit-spec' }], () => {
      throw new Error('EISDIR');
    });
    assert.deepEqual(loaded.sources, [{ path: 'a.md', source: 'spec-kit-spec', found: false }]);
    assert.deepEqual(loaded.definitions, []);
  });
});
