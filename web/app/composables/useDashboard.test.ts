import { describe, expect, it } from 'vitest';
import { type DashboardKpi, kpiCounts } from './useDashboard';

const kpi = (id: string): DashboardKpi => ({
  id,
  label: id,
  icon: 'i-lucide-file',
  status: 'open',
  permission: 'invoices:read',
});

describe('kpiCounts', () => {
  it('pairs each KPI with its total, and a failed read with its reason only', () => {
    const counts = kpiCounts(
      [kpi('open'), kpi('overdue'), kpi('drafts')],
      [
        { status: 'fulfilled', value: { page: { total: 7 } } },
        { status: 'rejected', reason: new Error('503 Service Unavailable') },
      ],
    );
    expect(counts).toEqual({
      open: { value: 7 },
      overdue: { error: '503 Service Unavailable' },
      drafts: { error: 'no answer' },
    });
  });
});
