import type { Checklist } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: the generator of this section is being written (see the open issue).
export function buildChecklists(context: GeneratorContext): Checklist[] {
  void context;
  return [];
}
