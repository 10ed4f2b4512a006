import { describe, expect, it } from 'vitest';
import { canOpen, canWrite, canWriteAt, menuFor } from './menu';
import type { Role } from '@/shared/types';

const areas = (r: Role) => menuFor(r).map((m) => m.area);

describe('role → menu', () => {
  it('gives the admin every area', () => {
    expect(areas('admin')).toEqual([
      'dashboard',
      'feedbackNew',
      'feedback',
      'feedbackQueue',
      'feedbackOverdue',
      'feedbackDashboard',
      'units',
      'staff',
      'customers',
      'encounters',
      'imports',
      'users',
      'tokens',
      'audit',
      'sla',
      'orgSettings',
      'surveys',
      'surveyAnalysis',
      'campaigns',
      'surveyPaper',
    ]);
  });

  it('shows users and API tokens to the admin only', () => {
    for (const r of ['quality', 'director', 'head', 'staff', 'auditor'] as Role[]) {
      expect(areas(r)).not.toContain('users');
      expect(areas(r)).not.toContain('tokens');
    }
  });

  it('shows audit and imports to admin and quality only', () => {
    for (const r of ['admin', 'quality'] as Role[]) {
      expect(areas(r)).toContain('audit');
      expect(areas(r)).toContain('imports');
    }
    for (const r of ['director', 'head', 'staff', 'auditor'] as Role[]) {
      expect(areas(r)).not.toContain('audit');
      expect(areas(r)).not.toContain('imports');
    }
  });

  it('lets the auditor read units, staff and aggregates but no encounters', () => {
    expect(areas('auditor')).toEqual([
      'dashboard',
      'feedback',
      'feedbackQueue',
      'feedbackOverdue',
      'feedbackDashboard',
      'units',
      'staff',
      'customers',
      'surveys',
      'surveyAnalysis',
      'campaigns',
    ]);
  });

  it('shows the feedback pages to everyone but the intake to those who may log feedback', () => {
    for (const r of ['admin', 'quality', 'director', 'head', 'staff', 'auditor'] as Role[]) {
      for (const a of ['feedback', 'feedbackQueue', 'feedbackOverdue', 'feedbackDashboard']) {
        expect(areas(r), r).toContain(a);
      }
    }
    for (const r of ['admin', 'quality', 'head', 'staff'] as Role[]) {
      expect(canOpen(r, 'feedbackNew'), r).toBe(true);
    }
    expect(canOpen('director', 'feedbackNew')).toBe(false);
    expect(canOpen('auditor', 'feedbackNew')).toBe(false);
  });

  it('shows the SLA settings to admin and quality only', () => {
    expect(canOpen('admin', 'sla')).toBe(true);
    expect(canOpen('quality', 'sla')).toBe(true);
    for (const r of ['director', 'head', 'staff', 'auditor'] as Role[]) {
      expect(canOpen(r, 'sla'), r).toBe(false);
    }
  });

  it('shows the survey pages to every role, paper entry to all but director and auditor', () => {
    for (const r of ['admin', 'quality', 'director', 'head', 'staff', 'auditor'] as Role[]) {
      for (const a of ['surveys', 'surveyAnalysis', 'campaigns'] as const) {
        expect(canOpen(r, a), `${r} ${a}`).toBe(true);
      }
    }
    for (const r of ['admin', 'quality', 'head', 'staff'] as Role[]) {
      expect(canOpen(r, 'surveyPaper'), r).toBe(true);
    }
    expect(canOpen('director', 'surveyPaper')).toBe(false);
    expect(canOpen('auditor', 'surveyPaper')).toBe(false);
  });

  it('lets only admin and quality edit questionnaires and campaigns', () => {
    for (const r of ['admin', 'quality'] as Role[]) {
      expect(canWrite(r, 'surveys'), r).toBe(true);
      expect(canWrite(r, 'campaigns'), r).toBe(true);
    }
    for (const r of ['director', 'head', 'staff', 'auditor'] as Role[]) {
      expect(canWrite(r, 'surveys'), r).toBe(false);
      expect(canWrite(r, 'campaigns'), r).toBe(false);
    }
  });

  it('gives a signed-out visitor nothing', () => {
    expect(menuFor(null)).toEqual([]);
    expect(canOpen(undefined, 'dashboard')).toBe(false);
  });

  it('hides write buttons from read-only roles', () => {
    expect(canWrite('director', 'units')).toBe(false);
    expect(canWrite('quality', 'units')).toBe(true);
    expect(canWrite('head', 'staff')).toBe(true);
    expect(canWrite('auditor', 'staff')).toBe(false);
  });
});

describe('write controls', () => {
  it('lets only admin and quality write customers and units', () => {
    for (const r of ['director', 'head', 'staff', 'auditor'] as Role[]) {
      expect(canWrite(r, 'customers'), r).toBe(false);
      expect(canWrite(r, 'units'), r).toBe(false);
    }
    expect(canWrite('admin', 'customers')).toBe(true);
    expect(canWrite('quality', 'customers')).toBe(true);
  });

  it('keeps a head to their own unit subtree for staff and encounters', () => {
    const head = { role: 'head' as Role, unit: 'KHOA-NOI' };
    expect(canWriteAt(head, 'staff')).toBe(true);
    expect(canWriteAt(head, 'staff', ['AK', 'CN1', 'KHOA-NOI'])).toBe(true);
    expect(canWriteAt(head, 'staff', ['AK', 'CN1', 'KHOA-NOI', 'PK-1'])).toBe(true);
    expect(canWriteAt(head, 'encounters', ['AK', 'CN1', 'KHOA-NHI'])).toBe(false);
    expect(canWriteAt(head, 'encounters', ['AK', 'CN1'])).toBe(false);
    expect(canWriteAt({ role: 'head', unit: null }, 'staff')).toBe(false);
    expect(canWriteAt({ role: 'quality', unit: null }, 'staff', ['AK', 'CN2'])).toBe(true);
    expect(canWriteAt({ role: 'director', unit: null }, 'encounters')).toBe(false);
    expect(canWriteAt({ role: 'staff', unit: 'KHOA-NOI' }, 'encounters')).toBe(false);
  });
});
