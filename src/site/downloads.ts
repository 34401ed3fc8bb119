// Artifact files written by the build next to the pages, described for people.

export interface Download {
  file: string;
  label: string;
  kind: string;
}

const KNOWN: Record<string, string> = {
  'plan.pdf': 'The plan, to approve and sign',
  'checklists.pdf': 'Checklists',
  'communications.pdf': 'All communications',
  'calendar.ics': 'Calendar of the rollout dates',
  'playbook.json': 'The whole playbook as data',
  'runbook.pdf': 'Helpdesk runbook, to print',
  'mfa-guide.pdf': 'Set-up guide, to print',
  'flyer.pdf': 'One-page flyer',
};

function kindOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return { pdf: 'PDF', ics: 'calendar file', json: 'JSON', eml: 'email file', csv: 'CSV', txt: 'text' }[ext] ?? ext.toUpperCase();
}

function humanise(name: string): string {
  const base = name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * `titles` names files whose label comes from the model (a decision record's title, not its id turned into words:
 * "cfo-prompts" is not "Cfo prompts").
 */
export function describeDownload(file: string, titles: ReadonlyMap<string, string> = new Map()): Download {
  const name = file.split('/').pop() ?? file;
  let label = titles.get(file) ?? KNOWN[file] ?? KNOWN[name];
  if (!label) {
    if (file.startsWith('decisions/')) label = `Decision record: ${humanise(name)}`;
    else if (file.startsWith('policies/')) label = `Policy file: ${name}`;
    else if (file.startsWith('emails/')) label = `Email, ready to open in a mail client: ${humanise(name)}`;
    else label = humanise(name);
  }
  return { file, label, kind: kindOf(file) };
}

/** Files of one site filtered by folder ('' = top level only). */
export function downloadsIn(files: string[], folder: string | null, titles: ReadonlyMap<string, string> = new Map()): Download[] {
  return files.filter((file) => (folder === null ? true : folder === '' ? !file.includes('/') : file.startsWith(`${folder}/`))).map((file) => describeDownload(file, titles));
}
