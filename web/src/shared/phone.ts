// Phone numbers as people read them: the server stores E.164 ("+84981234567"); a number of the
// organisation's region is shown in its national form ("098 123 45 67"), any other in the
// international one ("+86 138 0013 8000"). libphonenumber-js carries the same numbering plans as
// the server's libphonenumber. Anything that is not E.164 (an old form the E.164 migration kept
// for a duplicate) is shown as stored.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

let orgRegion: CountryCode = 'VN';

/** The organisation's phone region (settings.phone_region), set once the settings are read. */
export function setPhoneRegion(region: string | null | undefined): void {
  if (region && /^[A-Z]{2}$/.test(region)) orgRegion = region as CountryCode;
}

export function phoneRegion(): string {
  return orgRegion;
}

export function fmtPhone(phone: string | null | undefined): string | null {
  if (phone == null || phone === '') return phone ?? null;
  if (!/^\+\d{3,15}$/.test(phone)) return phone;
  const n = parsePhoneNumberFromString(phone);
  if (!n) return phone;
  return n.country === orgRegion ? n.formatNational() : n.formatInternational();
}
