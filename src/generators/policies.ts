import type { PolicyFile } from '../model/artifacts.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: the generator of this section is being written (see the open issue).
export function buildPolicies(context: GeneratorContext): PolicyFile[] {
  void context;
  return [];
}
