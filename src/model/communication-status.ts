// What the plan says about a message before the rollout starts, and the words for it. The generators decide
// a message's status, the PDFs and the admin site show it with these labels; the state of a message on a given
// day (sent, sends today…) is derived from it in state.ts.

/** scheduled: sent on its date; conditional: sent only if its condition holds; not-needed: the condition is known to be false. */
export const communicationStatuses = ['scheduled', 'conditional', 'not-needed'] as const;
export type CommunicationStatus = (typeof communicationStatuses)[number];

export const COMMUNICATION_STATUS_LABEL: Record<CommunicationStatus, string> = {
  scheduled: 'Scheduled',
  conditional: 'Send only if needed',
  'not-needed': 'Not needed',
};

/** Where a message has no send date (a template used when the need arises), in place of the date. */
export const UNDATED_MESSAGE_LABEL = 'When needed';
