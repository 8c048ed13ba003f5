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

Checks
  validate [--json] [--strict]
                          parser, dependency, traceability and config problems as file:line:col;
                          --strict counts warnings as errors

Global options
  -f, --file PATH         the task file (default: spec/<prefix>tasks.md, else the only task file)
      --format F          auto, spec-runner, spec-kit, openspec or kiro (default: auto)
      --spec-prefix P     spec-runner file prefix: spec/P-tasks.md is --spec-prefix P-
  -C, --cwd DIR           run as if started in DIR
      --no-color          plain output (also NO_COLOR=1, or when piped)
  -h, --help              this help
  -v, --version           the version

Exit codes: 0 ok, 1 validation errors (or a write-back refused), 2 usage error.`;
