/** The four validation verdicts, each from evidence already gathered. Pure functions. */
import type { EvidenceContext } from '../../model/evidence-context.ts';
import type { SignInSummary } from './signins.ts';
import { formatDate, formatMoment } from '../../shared/format.ts';
import type { SmsVoiceOnlyUser, SnapshotRate, UnregisteredUser } from './registration.ts';

import type { VerdictId, VerdictStatus } from '../../model/criteria.ts';

export type { VerdictId, VerdictStatus };

export interface Verdict {
  id: VerdictId;
  status: VerdictStatus;
  summary: string;
  evidence: string[];
}

const LIST = 10;
/** A plan date and a sign-in's moment as every admin output writes them (src/shared/format.ts). */
const day = (date: string, ctx: EvidenceContext): string => formatDate(date, 'long', ctx.locale);
const moment = (instant: string, ctx: EvidenceContext): string => formatMoment(instant, ctx.locale, ctx.timeZone);
const list = (xs: readonly string[]): string => (xs.length <= LIST ? xs.join(', ') : `${xs.slice(0, LIST).join(', ')} and ${xs.length - LIST} more`);

export function registrationVerdict(
  latest: SnapshotRate | null,
  unregistered: readonly UnregisteredUser[],
  smsVoiceOnly: readonly SmsVoiceOnlyUser[],
  ctx: EvidenceContext,
): Verdict {
  const id = 'registration-complete';
  if (latest === null || latest.total === 0) {
    return {
      id,
      status: 'insufficient-evidence',
      summary: 'No dated registration snapshot on or before today.',
      evidence: ['Add a user registration details export to the registration folder (date in the file name, YYYY-MM-DD).'],
    };
  }
  const evidence = [
    `Snapshot of ${day(latest.date, ctx)} (${latest.file}): ${latest.registered} of ${latest.total} active accounts ${latest.basis === 'isMfaCapable' ? 'MFA capable' : 'MFA registered'} (${latest.rate}%).`,
  ];
  if (unregistered.length > 0) evidence.push(`Not ready: ${list(unregistered.map((u) => u.userPrincipalName))}.`);
  if (smsVoiceOnly.length > 0) evidence.push(`Only SMS or voice: ${list(smsVoiceOnly.map((u) => u.userPrincipalName))}.`);
  if (ctx.userCount > 0 && Math.abs(latest.total - ctx.userCount) > ctx.userCount * 0.1) {
    evidence.push(`The snapshot lists ${latest.total} active accounts; the configuration says about ${ctx.userCount} users. Check the export is complete.`);
  }
  if (unregistered.length > 0 || smsVoiceOnly.length > 0) {
    const parts = [];
    if (unregistered.length > 0) parts.push(`${unregistered.length} active account${unregistered.length === 1 ? ' is' : 's are'} not ready`);
    if (smsVoiceOnly.length > 0) parts.push(`${smsVoiceOnly.length} rel${smsVoiceOnly.length === 1 ? 'ies' : 'y'} on SMS or voice only`);
    return { id, status: 'fail', summary: `Registration is ${latest.rate}%: ${parts.join('; ')}.`, evidence };
  }
  if (latest.basis !== 'isMfaCapable') {
    return {
      id,
      status: 'insufficient-evidence',
      summary: 'Every account is MFA registered, but the export has no "MFA capable" column to confirm the methods are allowed.',
      evidence,
    };
  }
  return { id, status: 'pass', summary: `All ${latest.total} active accounts are MFA capable and none relies on SMS or voice only.`, evidence };
}

export function legacyVerdict(s: SignInSummary, ctx: EvidenceContext): Verdict {
  const id = 'no-legacy-auth';
  const w = s.validationWindow;
  const lw = s.legacyInWindow;
  const windowText = `${day(ctx.enforcementDate, ctx)} to ${day(ctx.validateEndDate, ctx)}`;
  const evidence = [`Sign-ins in the window ${windowText}: ${w.total} (${w.interactive} interactive, ${w.nonInteractive} non-interactive, ${w.unknown} of unknown type).`];
  if (lw.successful > 0) {
    evidence.push(`Legacy clients seen: ${list(lw.pairs)}.`);
    return { id, status: 'fail', summary: `${lw.successful} successful legacy-authentication sign-in${lw.successful === 1 ? '' : 's'} in the window: these bypass MFA.`, evidence };
  }
  if (ctx.today < ctx.enforcementDate) {
    evidence.push(
      `Enforcement starts on ${day(ctx.enforcementDate, ctx)}; before that, see the legacy-auth dependency list (${s.legacy.length} client app${s.legacy.length === 1 ? '' : 's'}).`,
    );
    return { id, status: 'insufficient-evidence', summary: 'The validation window has not started yet.', evidence };
  }
  if (w.total === 0) {
    return { id, status: 'insufficient-evidence', summary: 'No sign-ins in the validation window: download interactive and non-interactive sign-ins for it.', evidence };
  }
  if (w.nonInteractive === 0) {
    return {
      id,
      status: 'insufficient-evidence',
      summary: 'No non-interactive sign-ins cover the window (keep the portal file names, or use an export that says which kind each record is).',
      evidence,
    };
  }
  if (w.interactive + w.unknown === 0) {
    return { id, status: 'insufficient-evidence', summary: 'No interactive sign-ins cover the window.', evidence };
  }
  if (lw.failed > 0) evidence.push(`${lw.failed} legacy attempt${lw.failed === 1 ? ' was' : 's were'} refused (no access granted), from: ${list(lw.pairs)}. Clean these up.`);
  return { id, status: 'pass', summary: 'No successful legacy-authentication sign-in, interactive or non-interactive, in the window.', evidence };
}

export function breakGlassVerdict(s: SignInSummary, ctx: EvidenceContext): Verdict {
  const id = 'break-glass-tested';
  if (ctx.breakGlassAccounts.length === 0) {
    return { id, status: 'insufficient-evidence', summary: 'No break-glass accounts in the configuration.', evidence: [] };
  }
  const evidence: string[] = [];
  const missing: string[] = [];
  const failing: string[] = [];
  for (const b of s.breakGlass) {
    if (b.signIns === 0) {
      missing.push(b.account);
      evidence.push(`${b.account}: no sign-in in the evidence.`);
      continue;
    }
    if (b.successful === 0) failing.push(b.account);
    const how = b.methods.length > 0 ? `authenticated with ${b.methods.join(', ')}` : 'authentication method not in the export';
    const ca = b.conditionalAccess.length > 0 ? `; Conditional Access: ${b.conditionalAccess.join(', ')}` : '';
    const codes = b.errorCodes.length > 0 ? `; error codes ${b.errorCodes.join(', ')}` : '';
    evidence.push(
      `${b.account}: ${b.signIns} sign-in${b.signIns === 1 ? '' : 's'}, ${b.successful} successful${b.lastSuccessUtc !== null ? ` (last ${moment(b.lastSuccessUtc, ctx)})` : ''}; ${how}${ca}${codes}.`,
    );
  }
  if (failing.length > 0)
    return {
      id,
      status: 'fail',
      summary: `Break-glass sign-in failed for ${failing.join(', ')}: check the account is excluded from the enforcing policy and its key works.`,
      evidence,
    };
  if (missing.length > 0)
    return { id, status: 'insufficient-evidence', summary: `No sign-in seen for ${missing.join(', ')}: test each break-glass account and add the sign-in export.`, evidence };
  return { id, status: 'pass', summary: `Every break-glass account (${s.breakGlass.length}) signed in successfully.`, evidence };
}

export function postEnforcementVerdict(s: SignInSummary, ctx: EvidenceContext): Verdict {
  const id = 'post-enforcement-failures';
  const w = s.first72h;
  if (ctx.today < ctx.enforcementDate) {
    return { id, status: 'insufficient-evidence', summary: `Enforcement starts on ${day(ctx.enforcementDate, ctx)}; nothing to check yet.`, evidence: [] };
  }
  const evidence = [`First 72 hours after enforcement (${moment(w.startUtc, ctx)} to ${moment(w.endUtc, ctx)}): ${w.total} sign-ins read.`];
  if (s.lastUtc !== null && s.lastUtc < w.endUtc) evidence.push(`The evidence ends at ${moment(s.lastUtc, ctx)}, before the 72 hours are over.`);
  if (w.total === 0) {
    return { id, status: 'insufficient-evidence', summary: 'No sign-ins from the 72 hours after enforcement: download them.', evidence };
  }
  const in72 = s.failureClusters.filter((c) => c.signInsFirst72h > 0);
  const blocking = in72.filter((c) => c.countsAsFailure && c.rolloutRelated);
  const other = in72.filter((c) => c.countsAsFailure && !c.rolloutRelated);
  const interrupts = in72.filter((c) => !c.countsAsFailure);
  for (const c of blocking)
    evidence.push(
      `${c.errorCode}: ${c.meaning} ${c.signInsFirst72h} sign-in${c.signInsFirst72h === 1 ? '' : 's'}, ${c.userCount} user${c.userCount === 1 ? '' : 's'} (${list(c.users)}); runbook: ${c.runbookSymptom ?? 'none'}.`,
    );
  for (const c of other)
    evidence.push(
      `${c.errorCode ?? 'no code'}: ${c.meaning} ${c.signInsFirst72h} sign-in${c.signInsFirst72h === 1 ? '' : 's'}, ${c.userCount} user${c.userCount === 1 ? '' : 's'}; not caused by MFA enforcement.`,
    );
  if (interrupts.length > 0) evidence.push(`Interrupts (normal MFA steps, not failures): ${interrupts.map((c) => `${c.errorCode} ×${c.signInsFirst72h}`).join(', ')}.`);
  const gaps = s.gapsFirst72h;
  if (gaps.signIns > 0) evidence.push(`Successful single-factor sign-ins where no Conditional Access policy applied: ${gaps.signIns} (${list(gaps.users)}).`);
  if (blocking.length > 0 || gaps.signIns > 0) {
    const parts = [];
    if (blocking.length > 0)
      parts.push(`${blocking.reduce((n, c) => n + c.signInsFirst72h, 0)} sign-ins blocked or failed at MFA (codes ${blocking.map((c) => c.errorCode).join(', ')})`);
    if (gaps.signIns > 0) parts.push(`${gaps.signIns} successful sign-ins without MFA and without any policy applied`);
    return { id, status: 'fail', summary: `After enforcement: ${parts.join('; ')}.`, evidence };
  }
  return { id, status: 'pass', summary: 'No sign-in blocked or failed by MFA enforcement and no sign-in without MFA in the first 72 hours.', evidence };
}
