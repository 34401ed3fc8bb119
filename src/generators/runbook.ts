import type { Runbook } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: the generator of this section is being written (see the open issue).
export function buildRunbook(context: GeneratorContext): Runbook | null {
  void context;
  return null;
}
