// The CLI's help text, kept beside the dispatcher so a new command is documented where it is added.
export const HELP = `specpilot: run spec task files (spec-runner, Spec Kit, OpenSpec, Kiro) with AI agent CLIs

Usage: specpilot [global options] <command> [options]

Tasks
  task list [--status S] [--priority P] [--milestone M] [--json]
                          tasks in file order (S: todo, in_progress, review, done, blocked, unknown;
                          P: p0..p3; M: a milestone / phase / group name or number)
  task show ID [--json]   one task: status, what it waits for, traces, checklist, problems
  task next [--json]      the task to run next (spec-runner's order)
  task stats [--json]     progress, readiness, estimates and requirement coverage
  task graph [--json]     the dependency graph as an ASCII tree, and the parallel waves
  task start ID           mark a task in progress   (edits only its status marker)
  task done ID            mark a task done
  task block ID           mark a task blocked
  task check ID N [--uncheck]
                          check (or uncheck) checklist item N of a task

Run (an agent CLI implements tasks, each on its own git branch; gates, commit, merge)
  run --task ID [--task ID ...] | --all
                          run tasks; --all runs every ready task, re-checking readiness after each
      --dry-run           print what would run as JSON, start nothing
      --json-result       print one JSON object with the outcome on stdout (progress on stderr)
      --no-reset-failed   --all: leave tasks that failed earlier alone
      --stash             allow a rescue stash of uncommitted changes (restored afterwards)
      --force             take the run lock from a runner that is no longer alive
      --budget USD        spending cap for this run (over budget_usd)
      --agent CMD         agent command (over claude_command); --model M over claude_model
      --max-retries N     attempts per task (over max_retries)
      --no-gates          skip commands.test / commands.lint;  --no-merge: keep work on the branch
      --log-level L       debug, info, warning or error;  --log-json: events as JSON lines
      --hitl-review       park each task for a person's approval before it merges (over
                          hitl_review); --no-hitl-review: merge when gates and review pass
  retry ID                clear a task's failed state and run it again (run's options apply)
  watch                   run ready tasks as they become ready, until Ctrl+C
  stop                    ask the running session to stop after its current stage
  approve [ID] [--json]   approve a task awaiting approval: commit, merge, mark it done; with no ID,
                          list the tasks awaiting approval
  reject ID --reason TEXT [--comment PATH[#N]=TEXT]... [--revert PATH#N]... [--json]
                          reject it: hunk N of PATH reverted on its branch (N as \`review\` numbers
                          them), and a new attempt starts with the reason and comments as context
  review ID [--json]      a task awaiting approval: AI verdicts, changed files (+/-), numbered hunks
  status [--json]         the latest run and every task's recorded state
  costs [--json] [--sort cost|id]
                          cost per task (attempts and AI reviewers; the reviewers' part on its
                          own line) and in total (unpriced attempts or reviewers marked +?)
  logs ID [--attempt N] [--lines N]
                          the end of an attempt's agent log (default: the latest, 200 lines)
  reset [ID ...] [--force]
                          forget failed or interrupted state (all such tasks when no id is given)
  doctor [--json]         is each configured agent CLI found, its version, does its stream parse
  verify [--task ID ...] [--json] [--strict]
                          done tasks (or the named ones): checklist complete, traces exist, gates
                          pass on the current tree, a commit on the base branch, the latest review
                          passed; each check with its evidence (recorded in the run state)

Checks
  validate [--json] [--strict]
                          parser, dependency, traceability and config problems as file:line:col;
                          --strict counts warnings as errors
  audit [--json] [--csv] [--strict]
                          orphan tasks, uncovered requirements, dangling references, dependency
                          problems, tasks without a checklist, as file:line:col; exit 1 on errors
                          (on any finding with --strict)
  report [--milestone M] [--uncovered-only] [--json]
                          traceability matrix (Markdown): requirement, design, tasks, status,
                          verified, commit, cost per task and per requirement

Global options
  -f, --file PATH         the task file (default: spec/<prefix>tasks.md, else the only task file)
      --format F          auto, spec-runner, spec-kit, openspec or kiro (default: auto)
      --spec-prefix P     spec-runner file prefix: spec/P-tasks.md is --spec-prefix P-
  -C, --cwd DIR           run as if started in DIR
      --no-color          plain output (also NO_COLOR=1, or when piped)
  -h, --help              this help
  -v, --version           the version

Exit codes: 0 ok, 1 validation errors, a failed or stopped run, a broken agent (doctor),
a write-back refused, or a decision whose task then failed; 2 usage error (also: approve,
reject or review of a task that is not awaiting approval).`;
