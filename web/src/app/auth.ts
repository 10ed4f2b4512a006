// The signed-in user and the CSRF token of the session; the api client reads the token from here.
import { defineStore } from 'pinia';
import { api, setCsrfToken, ApiError } from './api';
import type { User } from '@/shared/types';
import { setOrgTimeZone } from '@/shared/format';
import { setPhoneRegion } from '@/shared/phone';

/** GET /settings: the organisation's zone (times are shown there) and phone region. */
export interface OrgSettings {
  time_zone: string;
  phone_region: string;
}

interface SessionBody {
  user: User;
  csrf_token: string;
}

export const useAuth = defineStore('auth', {
  state: () => ({
    user: null as User | null,
    checked: false,
    settings: null as OrgSettings | null,
  }),
  getters: {
    role: (s) => s.user?.role ?? null,
    /** signed in with a one-time password: a new one must be set before anything else */
    mustChangePassword: (s) => !!s.user?.must_change_password,
  },
  actions: {
    accept(body: SessionBody) {
      this.user = body.user;
      setCsrfToken(body.csrf_token);
    },
    /** Once after sign-in: the organisation's settings, so times show in its zone. */
    async loadSettings() {
      try {
        this.useSettings(await api.get<OrgSettings>('/settings', undefined, { silent: true }));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    },
    useSettings(s: OrgSettings) {
      this.settings = s;
      setOrgTimeZone(s.time_zone);
      setPhoneRegion(s.phone_region);
    },
    async restore(): Promise<boolean> {
      if (this.checked) return !!this.user;
      try {
        this.accept(await api.get<SessionBody>('/auth/me', undefined, { silent: true }));
        await this.loadSettings();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        this.user = null;
      }
      this.checked = true;
      return !!this.user;
    },
    async login(login: string, password: string) {
      const body = await api.post<SessionBody>(
        '/auth/login',
        { login, password },
        { silent: true },
      );
      this.accept(body);
      await this.loadSettings();
      this.checked = true;
    },
    async logout() {
      try {
        await api.post('/auth/logout', undefined, { silent: true });
      } catch {
        /* already gone */
      }
      this.clear();
    },
    /** the server refused a call with auth.password_change_required */
    requirePasswordChange() {
      if (this.user) this.user = { ...this.user, must_change_password: true };
    },
    /** POST /auth/password with the one-time and the new password; then carry on normally */
    async setNewPassword(current: string, next: string) {
      await api.post(
        '/auth/password',
        { current_password: current, new_password: next },
        { silent: true },
      );
      if (this.user) this.user = { ...this.user, must_change_password: false };
    },
    clear() {
      this.user = null;
      this.checked = true;
      setCsrfToken(null);
    },
  },
});
