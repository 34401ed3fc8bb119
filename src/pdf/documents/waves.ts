import type { WavePlan } from '../../model/waves.ts';
import { forecastDayNote, forecastMethod, wholeCalls } from '../../model/waves.ts';
import { formatNumber } from '../../shared/format.ts';
import { colors, type LayoutDocument } from '../layout/index.ts';
import { dayMonth, longDate, shortDate } from './common.ts';

// The plan's section on waves (plans enforced in several waves): the waves with their dates, and the helpdesk
// forecast as a bar chart and a table. Layout only: every figure comes from the model.

export function renderWaves(doc: LayoutDocument, plan: WavePlan, locale: string, number: number): void {
  doc.heading(`${number}. Waves and helpdesk forecast`, { anchor: 'waves', outlineTitle: 'Waves and helpdesk forecast' });
  doc.paragraph(
    `MFA is switched on in ${plan.waves.length} waves for the ${formatNumber(plan.usersToSwitchOn, locale)} users outside the pilot group${plan.mode === 'auto' ? ', sized so that the helpdesk can take the calls they bring' : ''}. ` +
      'Each wave has its own go/no-go on the working day before its enforcement, taken after the previous wave\u2019s 48-hour watch; the policy widens wave by wave until the last wave switches it on for All users.',
  );
  doc.table(
    [
      { header: 'Wave', width: 2.4 },
      { header: 'Users', width: 0.8 },
      { header: 'Go / no-go', width: 1.2 },
      { header: 'Enforcement', width: 1.3 },
      { header: 'Watch ends', width: 1.2 },
    ],
    plan.waves.map((wave) => [
      [{ text: wave.label, bold: true }, ...([wave.site, wave.department].some(Boolean) ? [{ text: `\n${[wave.site, wave.department].filter(Boolean).join(', ')}` }] : [])],
      formatNumber(wave.size, locale),
      shortDate(wave.goNoGoDate, locale),
      [{ text: shortDate(wave.enforcementDate, locale), bold: true }],
      shortDate(wave.watchEndDate, locale),
    ]),
    { zebra: true },
  );
  const moves = plan.waves.flatMap((wave) => wave.moves);
  if (moves.length > 0) doc.list(moves.map((move) => `${move.subject}: moved from ${shortDate(move.from, locale)} to ${shortDate(move.to, locale)}. ${move.reasons.join(' ')}`));

  const forecast = plan.forecast;
  if (!forecast) return;
  doc.heading('Helpdesk calls forecast', { level: 2 });
  doc.paragraph(forecastMethod(forecast));
  const over = forecast.days.filter((day) => day.overCapacity).length;
  doc.paragraph(
    `Busiest day: ${longDate(forecast.peak.date, locale)}, about ${wholeCalls(forecast.peak.calls)} calls against a capacity of ${forecast.helpdeskCallsPerDay}. ${over === 0 ? 'Every day stays at or under capacity.' : `${over} day${over === 1 ? '' : 's'} over capacity: move a wave or split its group.`}`,
  );
  drawForecastChart(doc, forecast, locale);
  doc.table(
    [
      { header: 'Date', width: 1.4 },
      { header: 'Expected calls', width: 1.1 },
      { header: 'Capacity', width: 1 },
      { header: 'Note', width: 2.4 },
    ],
    forecast.days.map((day) => [
      shortDate(day.date, locale),
      [{ text: String(wholeCalls(day.calls)), bold: day.overCapacity }],
      String(forecast.helpdeskCallsPerDay),
      forecastDayNote(day),
    ]),
    { zebra: true },
  );
}

function drawForecastChart(doc: LayoutDocument, forecast: NonNullable<WavePlan['forecast']>, locale: string): void {
  const height = 180;
  const days = forecast.days;
  const top = Math.max(forecast.helpdeskCallsPerDay, forecast.peak.calls) * 1.15;
  const alt = `Bar chart of the expected helpdesk calls on each working day from ${longDate(days[0]!.date, locale)} to ${longDate(days.at(-1)!.date, locale)}, peaking at ${wholeCalls(forecast.peak.calls)} on ${longDate(forecast.peak.date, locale)}; capacity ${forecast.helpdeskCallsPerDay} calls a day. The table after the chart gives every figure.`;
  doc.figure(height, alt, (canvas, figureTop) => {
    const plotLeft = doc.left + 30;
    const plotRight = doc.right - 8;
    const plotTop = figureTop - 22;
    const plotBottom = figureTop - height + 26;
    const yOf = (calls: number) => plotBottom + (calls / top) * (plotTop - plotBottom);
    const slot = (plotRight - plotLeft) / days.length;
    canvas.text('Expected helpdesk calls per working day', doc.left, figureTop - 12, { size: 8.5, weight: 'bold' });
    const step = Math.max(1, Math.round(top / 5 / 5) * 5);
    for (let value = 0; value <= top; value += step) {
      const y = yOf(value);
      canvas.line(plotLeft, y, plotRight, y, { color: colors.rule, width: 0.4 });
      canvas.text(String(value), plotLeft - 4, y - 2.5, { size: 7, color: colors.muted, align: 'right' });
    }
    days.forEach((day, index) => {
      const x = plotLeft + slot * index + slot * 0.15;
      const barHeight = yOf(day.calls) - plotBottom;
      if (barHeight > 0)
        canvas.rect(x, plotBottom, slot * 0.7, barHeight, {
          fill: day.overCapacity ? colors.warn : day.enforcementOf !== null ? colors.accent : colors.accentLight,
          stroke: colors.accent,
          borderWidth: 0.3,
        });
    });
    const labelEvery = Math.max(1, Math.ceil(days.length / 10));
    days.forEach((day, index) => {
      if (index % labelEvery === 0) canvas.text(dayMonth(day.date, locale), plotLeft + slot * (index + 0.5), plotBottom - 10, { size: 6.5, color: colors.muted, align: 'center' });
    });
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, { color: colors.muted, width: 0.6 });
    const capacityY = yOf(forecast.helpdeskCallsPerDay);
    canvas.line(plotLeft, capacityY, plotRight, capacityY, { color: colors.warn, width: 1.2, dash: [5, 3] });
    canvas.text(`Capacity ${forecast.helpdeskCallsPerDay} a day`, plotRight, capacityY + 3, { size: 7.5, weight: 'bold', color: colors.warn, align: 'right' });
  });
}
