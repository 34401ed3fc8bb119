import type { Task } from '../model/schedule.ts';

// Dependencies between tasks must hold in the dates: a task may not be dated before a task it depends
// on. On the same date the written order decides (the plan lists a day's tasks in the order they are
// done), so a dependency listed after its dependant on the same day is a fault too. The schedule runs
// this check on every build: a plan that orders keys after the accounts that need them never ships.

export interface TaskOrderProblem {
  task: string;
  dependsOn: string;
  message: string;
}

export function taskOrderProblems(tasks: readonly Task[]): TaskOrderProblem[] {
  const position = new Map(tasks.map((task, index) => [task.id, index]));
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const problems: TaskOrderProblem[] = [];
  tasks.forEach((task, index) => {
    for (const dependency of task.dependsOn ?? []) {
      const before = byId.get(dependency);
      if (!before) {
        problems.push({ task: task.id, dependsOn: dependency, message: `task "${task.id}" depends on "${dependency}", which is not in the plan` });
        continue;
      }
      if (before.date > task.date) {
        problems.push({
          task: task.id,
          dependsOn: dependency,
          message: `task "${task.id}" (${task.date}) is dated before "${dependency}" (${before.date}), which it depends on`,
        });
      } else if (before.date === task.date && (position.get(dependency) ?? 0) > index) {
        problems.push({
          task: task.id,
          dependsOn: dependency,
          message: `task "${task.id}" is listed before "${dependency}" on ${task.date}, but depends on it`,
        });
      }
    }
  });
  return problems;
}

export class TaskOrderError extends Error {
  readonly problems: TaskOrderProblem[];
  constructor(problems: TaskOrderProblem[]) {
    super(`The plan orders tasks against their dependencies:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`);
    this.name = 'TaskOrderError';
    this.problems = problems;
  }
}

/** Throws when any task is dated before one it depends on; the build stops with every problem listed. */
export function assertTaskOrder(tasks: readonly Task[]): void {
  const problems = taskOrderProblems(tasks);
  if (problems.length > 0) throw new TaskOrderError(problems);
}
