// The ECharts option of a donut chart as the dashboards draw it: shares in percent inside the
// ring, name, count and share in the tooltip, the legend underneath.
export interface DonutSlice {
  name: string;
  value: number;
}

export function donutOption(
  slices: DonutSlice[],
  opts: { color: string[]; radius: [string, string]; center: [string, string] },
) {
  return {
    color: opts.color,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: opts.radius,
        center: opts.center,
        label: { position: 'inside', formatter: '{d}%', color: '#fff', fontWeight: 600 },
        data: slices,
      },
    ],
  };
}
