import { describe, expect, it } from 'vitest';
import { donutOption } from './donut';

describe('donutOption', () => {
  it('draws the slices as a ring with the given colours, size and place', () => {
    const o = donutOption(
      [
        { name: 'Praise', value: 3 },
        { name: 'Complaint', value: 1 },
      ],
      { color: ['#0f766e', '#f59e0b'], radius: ['40%', '68%'], center: ['50%', '45%'] },
    );
    expect(o.color).toEqual(['#0f766e', '#f59e0b']);
    expect(o.series).toHaveLength(1);
    expect(o.series[0]).toMatchObject({
      type: 'pie',
      radius: ['40%', '68%'],
      center: ['50%', '45%'],
      data: [
        { name: 'Praise', value: 3 },
        { name: 'Complaint', value: 1 },
      ],
    });
    expect(o.series[0].label.formatter).toBe('{d}%');
    expect(o.tooltip.formatter).toBe('{b}: {c} ({d}%)');
  });
});
