import type { EvidenceReport } from '../model/evidence-report.ts';
import { dayMonth } from './format.ts';
import { formatMoment } from '../shared/format.ts';

// Pure helpers for the admin site's Tracking page: the registration chart's geometry and the labels
// of the evidence report's values. Everything comes from the report; nothing reads the clock.

type Series = EvidenceReport['registration']['series'];

export interface ChartPoint {
  date: string;
  dayOfPhase: number;
  rate: number;
  x: number;
  y: number;
}

export interface ChartGeometry {
  layout: ChartLayout;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  /** Horizontal grid lines with their percentage labels. */
  yTicks: { y: number; label: string }[];
  /** One slot per working day of the register phase. */
  xTicks: { x: number; label: string; date: string; dayOfPhase: number }[];
  /** Days with a measured rate, in date order. */
  points: ChartPoint[];
  /** SVG polyline points ("x,y x,y") through the measured days; empty with fewer than two. */
  line: string;
  target: { y: number; rate: number };
  threshold: { y: number; rate: number };
  /** Vertical markers for the reminder check and for today, when they fall inside the phase. */
  markers: { x: number; label: string; kind: 'reminder' | 'today' }[];
  yMin: number;
  yMax: number;
  /** Where the target and threshold lines are named: right of the plot (wide) or above the line inside it (narrow). */
  lineLabels: { x: number; anchor: 'start'; dy: number };
  /** The measured points whose percentage is written next to them (all when wide, the latest when narrow). */
  labelledPoints: ChartPoint[];
}

/** wide: for screens and paper of at least 60rem; narrow: about a phone wide, every other day named, so words stay readable. */
export type ChartLayout = 'wide' | 'narrow';

const SIZES = {
  wide: { width: 760, height: 330, plotLeft: 64, right: 150, bottom: 64, tickGap: 0 },
  narrow: { width: 340, height: 290, plotLeft: 44, right: 12, bottom: 44, tickGap: 44 },
} as const;

/** Where everything of the registration chart goes. The y axis starts at a round value below the lowest number shown. */
export function chartGeometry(series: Series, target: number, threshold: number, reminderDate: string, today: string, locale: string, layout: ChartLayout = 'wide'): ChartGeometry {
  const size = SIZES[layout];
  const WIDTH = size.width;
  const HEIGHT = size.height;
  const plotLeft = size.plotLeft;
  const plotRight = WIDTH - size.right;
  const plotTop = 20;
  const plotBottom = HEIGHT - size.bottom;
  const rates = series.map((point) => point.rate).filter((rate): rate is number => rate !== null);
  const lowest = Math.min(target, threshold, ...rates);
  const yMin = Math.max(0, Math.floor((lowest - 2) / 5) * 5);
  const yMax = 100;
  const yOf = (rate: number) => plotBottom - ((rate - yMin) / (yMax - yMin)) * (plotBottom - plotTop);
  const step = yMax - yMin > 40 ? 10 : 5;
  const yTicks: ChartGeometry['yTicks'] = [];
  for (let value = yMin; value <= yMax; value += step) yTicks.push({ y: round(yOf(value)), label: `${value}%` });

  const slots = Math.max(1, series.length);
  const slotWidth = (plotRight - plotLeft) / slots;
  const xOf = (index: number) => plotLeft + slotWidth * (index + 0.5);
  const allTicks = series.map((point, index) => ({ x: round(xOf(index)), label: dayMonth(point.date, locale), date: point.date, dayOfPhase: point.dayOfPhase }));
  // Narrow: name only as many days as fit side by side.
  const every = size.tickGap === 0 ? 1 : Math.max(1, Math.ceil(size.tickGap / slotWidth));
  const xTicks = allTicks.filter((_, index) => index % every === 0);
  const points: ChartPoint[] = [];
  series.forEach((point, index) => {
    if (point.rate !== null) points.push({ date: point.date, dayOfPhase: point.dayOfPhase, rate: point.rate, x: round(xOf(index)), y: round(yOf(point.rate)) });
  });
  const line = points.length >= 2 ? points.map((point) => `${point.x},${point.y}`).join(' ') : '';

  const markers: ChartGeometry['markers'] = [];
  const reminderIndex = series.findIndex((point) => point.date === reminderDate);
  if (reminderIndex >= 0) markers.push({ x: round(xOf(reminderIndex)), label: 'Reminder check', kind: 'reminder' });
  const todayIndex = series.findIndex((point) => point.date === today);
  if (todayIndex >= 0) markers.push({ x: round(xOf(todayIndex)), label: 'Today', kind: 'today' });

  return {
    layout,
    width: WIDTH,
    height: HEIGHT,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    yTicks,
    xTicks,
    points,
    line,
    target: { y: round(yOf(target)), rate: target },
    threshold: { y: round(yOf(threshold)), rate: threshold },
    markers,
    yMin,
    yMax,
    lineLabels: layout === 'wide' ? { x: plotRight + 8, anchor: 'start', dy: 4 } : { x: plotLeft + 4, anchor: 'start', dy: -5 },
    labelledPoints: layout === 'wide' ? points : points.slice(-1),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export const ACTION_LABEL = { reminder: 'Send the reminder', 'individual-contact': 'Contact individually', 'none-yet': 'Nothing yet' } as const;

export const FILE_KIND_LABEL: Record<EvidenceReport['files'][number]['kind'], string> = {
  'signins-portal-csv': 'Sign-ins, admin center CSV',
  'signins-legacy-portal-csv': 'Sign-ins, older admin center CSV',
  'signins-log-analytics-csv': 'Sign-ins, Log Analytics CSV',
  'signins-log-analytics-summary-csv': 'Sign-ins, Log Analytics query result (counted in the workspace)',
  'signins-json': 'Sign-ins, JSON (Graph or admin center)',
  'signins-jsonl': 'Sign-ins, JSON lines (diagnostic settings)',
  'signins-auth-details-csv': 'Authentication details (AuthDetails CSV)',
  'registration-graph-json': 'Registration details, Graph JSON',
  'registration-powershell-csv': 'Registration details, PowerShell CSV',
  'registration-portal-csv': 'Registration details, admin center CSV',
  'wrong-kind': 'Not the expected export',
  unreadable: 'Unreadable',
};

export const ERROR_KIND_LABEL = {
  interrupt: 'Interrupt (normal step)',
  failure: 'Failure',
  block: 'Blocked by policy',
  token: 'Session renewal',
  unknown: 'Unknown code',
} as const;

const METHOD_LABEL: Record<string, string> = {
  microsoftAuthenticatorPush: 'Authenticator app',
  microsoftAuthenticatorPasswordless: 'Authenticator passwordless',
  softwareOneTimePasscode: 'Software OATH code',
  hardwareOneTimePasscode: 'Hardware OATH token',
  fido2: 'FIDO2 security key',
  passkey: 'Passkey',
  windowsHelloForBusiness: 'Windows Hello for Business',
  certificateBasedAuthentication: 'Certificate',
  macOsSecureEnclaveKey: 'macOS Secure Enclave key',
  mobilePhone: 'Mobile phone (SMS or call)',
  alternateMobilePhone: 'Alternate mobile phone',
  officePhone: 'Office phone (call)',
  email: 'Email (password reset only)',
  securityQuestion: 'Security questions (password reset only)',
  temporaryAccessPass: 'Temporary Access Pass',
  other: 'Other',
};

export function methodsText(methods: readonly string[]): string {
  return methods.length === 0 ? 'None' : methods.map((method) => METHOD_LABEL[method] ?? method).join(', ');
}

/** "8 Feb, 08:14" in the tenant's time zone, from a UTC instant (the evidence spans weeks, so no year). */
export function localDateTime(instant: string, locale: string, timeZone: string): string {
  return formatMoment(instant, locale, timeZone);
}

/** "11 days ago", "today", "in 139 days". */
export function daysLeftText(days: number): string {
  if (days === 0) return 'today';
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} ago`;
  return `in ${days} day${days === 1 ? '' : 's'}`;
}
