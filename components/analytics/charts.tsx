"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { key: string; name: string; color: string };
type Datum = Record<string, string | number> & { label: string };

// Axis text in stone-700: readable on white (the numbers are also in the table beside).
const TICK = { fill: "#44403c", fontSize: 12 };
const GRID = "#e7e5e4";
const HEIGHT = 256;
// Until the container is measured a chart draws at `initialDimension`; its wrapper clips that
// first frame so it never widens a phone's page.

/** Issued, claimed and shared per day or week, one area each. */
export function ActivityChart({ data, series }: { data: Datum[]; series: ChartSeries[] }) {
  return (
    <div className="h-64 w-full min-w-0 overflow-hidden" data-testid="activity-chart-surface">
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 640, height: HEIGHT }}>
        <AreaChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: GRID }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} width={36} />
          <Tooltip />
          <Legend itemSorter={null} />
          {series.map((line) => (
            <Area
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.name}
              stroke={line.color}
              fill={line.color}
              fillOpacity={0.12}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Visitors and share-link clicks side by side for each channel, channels down the side. */
export function ChannelChart({ data, series }: { data: Datum[]; series: ChartSeries[] }) {
  const height = Math.max(HEIGHT, data.length * 40 + 48);
  return (
    <div className="w-full min-w-0 overflow-hidden" style={{ height }} data-testid="channel-chart-surface">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barGap={2}>
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={TICK} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="label" tick={TICK} tickLine={false} axisLine={{ stroke: GRID }} width={112} interval={0} />
          <Tooltip />
          <Legend itemSorter={null} />
          {series.map((bar) => (
            <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={bar.color} radius={[0, 3, 3, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
