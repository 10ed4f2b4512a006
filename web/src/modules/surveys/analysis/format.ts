// Numbers on the survey dashboard, in the user's language (Intl).
import { useI18n } from 'vue-i18n';

export const PALETTE = [
  '#0f766e',
  '#f59e0b',
  '#3b82f6',
  '#ef4444',
  '#8b5cf6',
  '#14b8a6',
  '#64748b',
];

export function short(s: string, max = 28) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function useAnalysisFormat() {
  const { locale } = useI18n();
  function nf(opts: Intl.NumberFormatOptions) {
    return new Intl.NumberFormat(locale.value, opts);
  }
  function pct(v: number | null | undefined, digits = 1) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    return nf({
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(v);
  }
  function num(v: number | null | undefined, digits = 2) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  }
  function signed(v: number | null | undefined, digits = 1) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    return nf({
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: 'exceptZero',
    }).format(v);
  }
  function pval(p: number | null | undefined) {
    if (p === null || p === undefined || !Number.isFinite(p)) return '—';
    return p < 0.001 ? `< ${num(0.001, 3)}` : num(p, 3);
  }
  return { nf, pct, num, signed, pval };
}
