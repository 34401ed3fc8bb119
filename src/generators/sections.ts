import type { Playbook } from '../model/playbook.ts';
import type { GeneratorContext } from './context.ts';
import { buildCommunications } from './communications.ts';
import { buildRunbook } from './runbook.ts';
import { buildDecisions } from './decisions.ts';
import { buildChecklists } from './checklists.ts';
import { buildFacts, buildGuidance } from './facts.ts';
import { buildRisks, buildSuccessCriteria } from './plan-content.ts';
import { buildPolicies } from './policies.ts';

/** The content sections of the model, each from its own generator. This is the one place that lists them. */
export type Sections = Pick<Playbook, 'communications' | 'runbook' | 'decisions' | 'checklists' | 'facts' | 'guidance' | 'risks' | 'successCriteria' | 'policies'>;

export function buildSections(context: GeneratorContext): Sections {
  return {
    communications: buildCommunications(context, context.measuredRate),
    runbook: buildRunbook(context),
    decisions: buildDecisions(context),
    checklists: buildChecklists(context),
    facts: buildFacts(context),
    guidance: buildGuidance(context),
    risks: buildRisks(context),
    successCriteria: buildSuccessCriteria(context),
    policies: buildPolicies(context),
  };
}
