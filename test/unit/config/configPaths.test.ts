// spec-runner's file locations for a config: spec_prefix namespaces only the default state and
// log paths, and everything hangs off paths.root.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_CONFIG, resolveConfigPaths } from '../../../src/core/config';

const repo = path.resolve('/repo');

describe('resolveConfigPaths', () => {
  it('gives spec-runner default locations', () => {
    assert.deepEqual(resolveConfigPaths(repo, DEFAULT_CONFIG), {
      projectRoot: repo,
      specDir: path.join(repo, 'spec'),
      tasksFile: path.join(repo, 'spec', 'tasks.md'),
      requirementsFile: path.join(repo, 'spec', 'requirements.md'),
      designFile: path.join(repo, 'spec', 'design.md'),
      logsDir: path.join(repo, 'spec', '.executor-logs'),
      stateFile: path.join(repo, 'spec', '.executor-state.db'),
      pluginsDir: path.join(repo, 'spec', 'plugins'),
      stopFile: path.join(repo, 'spec', '.executor-stop'),
      auditLog: null,
    });
  });

  it('namespaces default state and logs by spec_prefix', () => {
    const p = resolveConfigPaths(repo, { ...DEFAULT_CONFIG, spec_prefix: 'phase5-' });
    assert.equal(p.tasksFile, path.join(repo, 'spec', 'phase5-tasks.md'));
    assert.equal(p.requirementsFile, path.join(repo, 'spec', 'phase5-requirements.md'));
    assert.equal(p.designFile, path.join(repo, 'spec', 'phase5-design.md'));
    assert.equal(p.stateFile, path.join(repo, 'spec', '.executor-phase5-state.db'));
    assert.equal(p.logsDir, path.join(repo, 'spec', '.executor-phase5-logs'));
  });

  it('keeps paths the user chose, relative to paths.root', () => {
    const p = resolveConfigPaths(repo, {
      ...DEFAULT_CONFIG,
      spec_prefix: 'phase5-',
      audit_log_path: 'spec/.executor-audit.jsonl',
      paths: { root: 'app', logs: 'logs/agents', state: '/var/state.db', plugins: 'tools/plugins' },
    });
    assert.equal(p.projectRoot, path.join(repo, 'app'));
    assert.equal(p.specDir, path.join(repo, 'app', 'spec'));
    assert.equal(p.tasksFile, path.join(repo, 'app', 'spec', 'phase5-tasks.md'));
    assert.equal(p.logsDir, path.join(repo, 'app', 'logs', 'agents'));
    assert.equal(p.stateFile, path.resolve('/var/state.db'));
    assert.equal(p.pluginsDir, path.join(repo, 'app', 'tools', 'plugins'));
    assert.equal(p.auditLog, path.join(repo, 'app', 'spec', '.executor-audit.jsonl'));
  });
});
