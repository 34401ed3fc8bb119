import type { Fact, GuidanceNote } from '../model/content.ts';
import type { GeneratorContext } from './context.ts';

// Work in progress: the dated facts and guidance notes are being written (see the open issue).
export function buildFacts(context: GeneratorContext): Fact[] {
  void context;
  return [];
}

export function buildGuidance(context: GeneratorContext): GuidanceNote[] {
  void context;
  return [];
}
