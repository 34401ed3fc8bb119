import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Playbook } from '../../src/model/playbook.ts';
import { milestoneList } from '../../src/model/schedule.ts';
import { helpdeskView, staffView } from '../../src/model/views.ts';
import { runbookPartTitles, runbookPlainText, type RunbookText } from '../../src/model/runbook-refs.ts';
import { longDate, shortDate } from '../../src/pdf/documents/common.ts';

// The same content as the PDF documents, as plain HTML with print CSS, for the headless Chromium
// comparison. Same font (Noto Sans from the same package), same sections, same tables.

const require = createRequire(import.meta.url);
const noto = dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
const fontUrl = (file: string) => pathToFileURL(join(noto, file)).href;

const esc = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, organisation: string, label: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@font-face { font-family: Noto; src: url(${fontUrl('400Regular/NotoSans_400Regular.ttf')}); font-weight: 400; }
@font-face { font-family: Noto; src: url(${fontUrl('700Bold/NotoSans_700Bold.ttf')}); font-weight: 700; }
@page { size: A4; margin: 25mm 20mm 22mm; }
body { font-family: Noto, sans-serif; font-size: 10pt; line-height: 1.4; color: #1a1a1f; }
h1 { font-size: 15pt; color: #17457a; border-bottom: 1px solid #17457a; break-after: avoid; }
h2 { font-size: 12pt; color: #17457a; break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
th { background: #e6edf7; color: #17457a; text-align: left; padding: 4pt; }
td { padding: 4pt; border-bottom: 0.5pt solid #bfc4cc; vertical-align: top; }
tr { break-inside: avoid; }
.label { position: fixed; top: -15mm; right: 0; color: #9e2919; font-weight: 700; font-size: 8pt; }
.org { position: fixed; top: -15mm; left: 0; color: #5c6169; font-size: 8pt; }
</style></head><body><div class="org">${esc(organisation)}</div><div class="label">${esc(label)}</div>${body}</body></html>`;
}

const table = (headers: string[], rows: string[][]) =>
  `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${esc(cell).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export function planHtml(p: Playbook): string {
  const l = p.locale;
  let body = `<p><b>MFA rollout plan</b></p><h1 style="border:0;font-size:24pt;color:#000">${esc(p.organisation.name)}</h1>`;
  body += table(
    ['Item', 'Value'],
    [
      ['Plan date', longDate(p.meta.asOf, l)],
      ['Approver', p.people.approver.name],
      ['Enforcement', longDate(p.schedule.enforcementDate, l)],
    ],
  );
  body += `<h1>1. Executive summary</h1><p>Enforcement: <b>${esc(longDate(p.schedule.enforcementDate, l))} at ${esc(p.schedule.milestones.enforcement.time)}</b>. Helpdesk ${esc(p.helpdesk.phone)}.</p>`;
  body += table(
    ['Date', 'Milestone', 'What happens'],
    milestoneList(p.schedule.milestones).map((m) => [shortDate(m.date, l), m.title, m.description]),
  );
  body += `<h1>3. Phases and tasks</h1>`;
  for (const phase of p.schedule.phases) {
    body += `<h2>${esc(phase.title)}</h2><p>${esc(phase.summary)}</p>`;
    body += table(
      ['Date', 'Task', 'Owner', 'Evidence'],
      p.schedule.tasks.filter((t) => t.phase === phase.id).map((t) => [shortDate(t.date, l), `${t.title}\n${t.action}`, t.ownerName, t.evidence]),
    );
  }
  body +=
    `<h1>4. Communications schedule</h1>` +
    table(
      ['Send date', 'Message', 'Audience', 'Status'],
      p.communications.map((c) => [c.sendDate ? shortDate(c.sendDate, l) : 'When needed', `${c.title}\n${c.subject}`, c.audienceLabel, c.status]),
    );
  body +=
    `<h1>5. Risks and mitigations</h1>` +
    table(
      ['Risk', 'L / I', 'Mitigation', 'Owner'],
      p.risks.map((r) => [r.risk, `${r.likelihood} / ${r.impact}`, r.mitigation, r.owner]),
    );
  body += `<h1>6. Success criteria</h1><ol>${p.successCriteria.map((c) => `<li><b>${esc(c.title)}</b> — ${esc(c.measure)}</li>`).join('')}</ol>`;
  body +=
    `<h1>8. Sources</h1>` +
    table(
      ['Fact', 'Source', 'Checked'],
      p.facts.map((f) => [f.claim, `${f.source.title}\n${f.source.url}`, f.checked]),
    );
  body += `<h1>9. Approval and sign-off</h1><p>Name ____________ Date ________ Signature ______________</p>`;
  return page('MFA rollout plan', p.organisation.name, 'Confidential — IT', body);
}

export function runbookHtml(p: Playbook): string {
  const v = helpdeskView(p);
  const r = v.runbook;
  let body = `<h1 style="border:0;font-size:20pt;color:#000">Helpdesk runbook: MFA rollout</h1><p>Enforcement: <b>${esc(longDate(v.dates.enforcementDate, v.locale))}</b> · ${esc(v.helpdesk.phone)}</p>`;
  if (r) {
    const titles = runbookPartTitles(r);
    const plain = (text: RunbookText) => runbookPlainText(text, titles);
    body += `<h1>1. Verify the caller first</h1><p>${esc(r.identityVerification.summary)}</p><ol>${r.identityVerification.steps.map((s) => `<li>${esc(plain(s))}</li>`).join('')}</ol>`;
    body +=
      `<h1>2. Standard answers</h1>` +
      table(
        ['Situation', 'What to do'],
        r.standardAnswers.map((a) => [a.situation, plain(a.answer)]),
      );
    body += `<h1>3. What the caller says</h1>`;
    for (const s of r.symptoms) {
      body +=
        `<h2>${esc(s.title)}</h2><p><i>${esc(s.userSays)}</i></p>` +
        table(
          ['Likelihood', 'Cause', 'How to check'],
          s.likelyCauses.map((c) => [c.likelihood, c.cause, plain(c.check)]),
        );
      body += `<ol>${s.steps.map((x) => `<li>${esc(plain(x))}</li>`).join('')}</ol><p><b>Where:</b> ${esc(s.adminPath)}</p><p><b>Tell the user:</b> ${esc(s.tellUser)}</p><p><b>Escalate when:</b> ${esc(plain(s.escalateWhen))}</p>`;
    }
    body +=
      `<h1>4. Sign-in error codes</h1>` +
      table(
        ['Code', 'Meaning', 'What to do'],
        r.errorCodes.map((e) => [e.code, `${e.name}\n${e.meaning}`, e.action]),
      );
  }
  return page('Helpdesk runbook', v.organisation.name, 'Internal — Helpdesk', body);
}

export function staffGuideHtml(p: Playbook): string {
  const v = staffView(p);
  const body = `<p><b>${esc(v.organisation.name)}</b></p><h1 style="border:0;font-size:20pt;color:#000">Your sign-in is getting an extra step</h1>
<p>From ${esc(longDate(v.dates.enforcementDate, v.locale))}, signing in takes one more step after your password.</p>
<table><tr><td>Set up from<br><b>${esc(shortDate(v.dates.announcement, v.locale))}</b></td><td>Set up by<br><b>${esc(shortDate(v.dates.registrationDeadline, v.locale))}</b></td><td>Required from<br><b>${esc(shortDate(v.dates.enforcementDate, v.locale))}</b></td></tr></table>
<h2>What to do</h2><ol><li>Install Microsoft Authenticator on your phone.</li><li>On a computer, go to https://aka.ms/mysecurityinfo and sign in.</li><li>Choose "Add sign-in method", then "Microsoft Authenticator".</li><li>Scan the code, then approve the test notification.</li></ol>
<h2>No smartphone, or a new phone?</h2><p>Call the helpdesk. We can give you a small security key instead.</p>
<h2>Need help?</h2><p><b>Helpdesk: ${esc(v.helpdesk.phone)}</b><br>${esc(v.helpdesk.email)}<br>${esc(v.helpdesk.hours)}</p>`;
  return page('MFA guide', v.organisation.name, 'For all staff', body);
}

export function communicationsHtml(p: Playbook): string {
  let body = `<h1 style="border:0;font-size:20pt;color:#000">MFA rollout communications</h1>`;
  body += table(
    ['Send date', 'Message', 'To', 'Status'],
    p.communications.map((c) => [c.sendDate ? shortDate(c.sendDate, p.locale) : 'When needed', c.title, c.audienceLabel, c.status]),
  );
  for (const c of p.communications) {
    body +=
      `<h1 style="break-before:page">${esc(c.title)}</h1>` +
      table(
        ['Field', 'Value'],
        [
          ['Send', c.sendDate ?? 'When needed'],
          ['To', c.audienceLabel],
          ['Subject', c.subject],
        ],
      );
    body += c.text
      .split(/\n{2,}/)
      .map((para) => `<p>${esc(para)}</p>`)
      .join('');
  }
  return page('Communications', p.organisation.name, 'Confidential — IT', body);
}
