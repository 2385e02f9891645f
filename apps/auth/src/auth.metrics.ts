import { Injectable } from '@nestjs/common';
import { serviceMetrics } from '@messenger/observability';

export type LoginOutcome = 'success' | 'invalid_credentials' | 'rate_limited' | 'error';
export type RegistrationOutcome = 'success' | 'invalid_argument' | 'username_taken' | 'rate_limited' | 'error';
export type RefreshOutcome = 'success' | 'invalid' | 'reused' | 'error';
export type RevocationReason = 'logout' | 'refresh_token_reuse';

/** Counters of the auth service (messenger_auth_*_total). */
@Injectable()
export class AuthMetrics {
  private readonly logins = serviceMetrics().counter('logins_total', 'Login attempts by outcome', ['outcome']);
  private readonly registrations = serviceMetrics().counter('registrations_total', 'Registrations by outcome', [
    'outcome',
  ]);
  private readonly refreshes = serviceMetrics().counter('refreshes_total', 'Token refreshes by outcome', ['outcome']);
  private readonly revocations = serviceMetrics().counter('sessions_revoked_total', 'Revoked sessions by reason', [
    'reason',
  ]);

  login(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  registration(outcome: RegistrationOutcome): void {
    this.registrations.inc({ outcome });
  }

  refresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  revocation(reason: RevocationReason): void {
    this.revocations.inc({ reason });
  }
}
