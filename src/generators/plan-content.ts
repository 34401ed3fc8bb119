import type { Risk } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: risks and success criteria are being written (see the open issue).
export function buildRisks(context: GeneratorContext): Risk[] {
  void context;
  return [];
}

export function buildSuccessCriteria(context: GeneratorContext): { id: string; title: string; measure: string }[] {
  void context;
  return [];
}
