/**
 * Whether a process with this id is still running. Staging folders carry the id of the run that made them: a
 * folder whose run has ended (crashed, killed) is left over and may be removed; a live run's folder never is.
 * EPERM means the process exists but belongs to another user: alive.
 */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
