import type { DecisionRecord } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: the generator of this section is being written (see the open issue).
export function buildDecisions(context: GeneratorContext): DecisionRecord[] {
  void context;
  return [];
}
