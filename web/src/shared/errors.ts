import { i18n } from '@/app/i18n';
import type { ApiError } from '@/app/api';

/** The message a user reads for a problem: a translation of its code if there is one, else the
 * server's detail or title, with the field named. */
export function problemMessage(e: ApiError): string {
  const t = i18n.global.t;
  const te = i18n.global.te;
  let msg: string;
  const key = `errors.${e.code}`;
  if (te(key)) msg = t(key);
  else if (e.detail) msg = e.detail;
  else if (te(`errors.status.${e.status}`)) msg = t(`errors.status.${e.status}`);
  else msg = e.title || e.code;
  if (e.field && !msg.includes(e.field)) msg += ` (${t('errors.field')}: ${e.field})`;
  return msg;
}
