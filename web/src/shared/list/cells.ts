// Cell formatters for el-table-column's `formatter`: one line per date or number column instead
// of a template slot each. The cell shows what the named format helper makes of the value.
import { fmtDate, fmtDateTime, fmtNumber } from '@/shared/format';

type Formatter = (row: unknown, column: unknown, value: unknown) => string;

/** the value as a date and time in the organisation's time zone (fmtDateTime) */
export const dateTimeCell: Formatter = (_row, _column, value) =>
  fmtDateTime(value as string | null | undefined);
/** the value as a calendar day (fmtDate) */
export const dateCell: Formatter = (_row, _column, value) =>
  fmtDate(value as string | null | undefined);
/** the value as a number with the locale's grouping (fmtNumber) */
export const numberCell: Formatter = (_row, _column, value) =>
  fmtNumber(value as number | null | undefined);
