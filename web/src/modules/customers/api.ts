// The customers module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query, type RequestOptions } from '@/app/api';
import type { Customer } from '@/shared/types';

/** GET /customers/duplicates: one member of a group of records sharing a phone number. */
export interface DuplicateMember {
  id: number;
  external_id: string | null;
  name: string;
  phone: string | null;
  phone_e164: boolean;
  email: string | null;
  created_at: string;
  encounters: number;
  feedback: number;
  responses: number;
}

export interface DuplicateGroup {
  phone: string;
  customers: DuplicateMember[];
}

export interface CustomerDuplicates {
  region: string;
  groups: DuplicateGroup[];
  unreadable: DuplicateMember[];
}

/** POST /customers/{id}/merge */
export interface CustomerMerge {
  customer: Customer;
  merged: number;
  moved: {
    encounters: number;
    feedback: number;
    invitations: number;
    referrals: number;
    responses: number;
  };
}

export type CustomerBody = Partial<
  Omit<Customer, 'id' | 'pii_masked' | 'first_visit' | 'last_visit'>
>;

/** GET /customers: filters q (name, phone, external id), category; page, page_size. */
export function listCustomers(filters: Query, opts: RequestOptions = {}): Promise<Page<Customer>> {
  return api.get<Page<Customer>>('/customers', filters, opts);
}

export function getCustomer(id: number | string): Promise<Customer> {
  return api.get<Customer>(`/customers/${id}`);
}

export function createCustomer(body: CustomerBody): Promise<Customer> {
  return api.post<Customer>('/customers', body);
}

export function updateCustomer(id: number, body: CustomerBody): Promise<Customer> {
  return api.patch<Customer>(`/customers/${id}`, body);
}

export function getCustomerDuplicates(): Promise<CustomerDuplicates> {
  return api.get<CustomerDuplicates>('/customers/duplicates');
}

/** Merges `duplicate` into `kept`, which stays. */
export function mergeCustomers(kept: number, duplicate: number): Promise<CustomerMerge> {
  return api.post<CustomerMerge>(`/customers/${kept}/merge`, { duplicate });
}
