import { describe, expect, it } from 'vitest';
import { fmtPhone, setPhoneRegion } from './phone';

// Expected forms from the numbering-plan metadata of libphonenumber-js 1.13 (Google's
// PhoneNumberMetadata.xml of 2025): VN mobiles grouped 4-3-3 nationally ("0981 234 567"; Debian's
// older libphonenumber 8.12 on the server still groups them 3-3-2-2), CN mobiles 3-4-4.
describe('fmtPhone', () => {
  it('shows a number of the region nationally and any other internationally', () => {
    setPhoneRegion('VN');
    expect(fmtPhone('+84981234567')).toBe('0981 234 567');
    expect(fmtPhone('+8613800138000')).toBe('+86 138 0013 8000');
    setPhoneRegion('CN');
    expect(fmtPhone('+8613800138000')).toBe('138 0013 8000');
    expect(fmtPhone('+84981234567')).toBe('+84 981 234 567');
    setPhoneRegion('VN');
  });
  it('shows what is not E.164 as stored, and nothing as nothing', () => {
    expect(fmtPhone('0084981234567')).toBe('0084981234567');
    expect(fmtPhone(null)).toBeNull();
    expect(fmtPhone('')).toBe('');
  });
});
