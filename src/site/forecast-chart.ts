import type { WavePlan } from '../model/waves.ts';
import { wholeCalls } from '../model/waves.ts';
import { dayMonth } from '../shared/format.ts';

// Geometry of the helpdesk forecast chart (admin plan page): one bar per working day, the capacity as a line.
// Pure layout: the figures come from the model.

export interface ForecastBar {
  x: number;
  y: number;
  width: number;
  height: number;
  date: string;
  calls: number;
  overCapacity: boolean;
  enforcementOf: number | null;
}

export interface ForecastChart {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  capacityY: number;
  capacity: number;
  bars: ForecastBar[];
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
}

export function forecastChart(forecast: NonNullable<WavePlan['forecast']>, locale: string): ForecastChart {
  const width = 760;
  const height = 260;
  const plotLeft = 48;
  const plotRight = width - 16;
  const plotTop = 24;
  const plotBottom = height - 44;
  const top = Math.max(forecast.helpdeskCallsPerDay, forecast.peak.calls) * 1.15;
  const step = niceStep(top);
  const yMax = Math.ceil(top / step) * step;
  const yOf = (calls: number) => plotBottom - (calls / yMax) * (plotBottom - plotTop);
  const slot = (plotRight - plotLeft) / forecast.days.length;
  const bars = forecast.days.map((day, index) => ({
    x: plotLeft + slot * index + slot * 0.15,
    y: yOf(day.calls),
    width: slot * 0.7,
    height: plotBottom - yOf(day.calls),
    date: day.date,
    calls: wholeCalls(day.calls),
    overCapacity: day.overCapacity,
    enforcementOf: day.enforcementOf,
  }));
  const labelEvery = Math.max(1, Math.ceil(forecast.days.length / 12));
  return {
    width,
    height,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    capacity: forecast.helpdeskCallsPerDay,
    capacityY: yOf(forecast.helpdeskCallsPerDay),
    bars,
    yTicks: Array.from({ length: yMax / step + 1 }, (_, index) => ({ y: yOf(index * step), label: String(index * step) })),
    xLabels: forecast.days.flatMap((day, index) => (index % labelEvery === 0 ? [{ x: plotLeft + slot * (index + 0.5), label: dayMonth(day.date, locale) }] : [])),
  };
}

/** A round step for the vertical axis: about five ticks. */
export function niceStep(top: number): number {
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}
